--[[
  deleteJob: an operator deletes a finished job before its retention runs out (no transition: the job is gone).
  KEYS[1] job hash   KEYS[2] dead list (ZSET)
  ARGV[1] id   ARGV[2] scope (the caller's tenants: '*' or a comma-separated list; a job outside it is NO_SUCH_JOB, checked first)
  Returns DONE (deleted); WRONG_STATE (not finished: SCHEDULED, QUEUED, RUNNING or AWAITING_ACK — cancel it first); NO_SUCH_JOB.
  Its idempotency key, if any, keeps its window (a repeat answers the deleted job's id, as after the retention).
  Its search index entry (lib/keys timeIndex) lists its submit call's jobs: search skips a job whose hash is gone,
  and the entry goes when none of its jobs is left.
]]
--@include lib/codes
--@include lib/tenants
local status = redis.call('HGET', KEYS[1], 'status')
if not status or outsideScope(KEYS[1], ARGV[2]) then return NO_SUCH_JOB end
if status == 'QUEUED' or status == 'RUNNING' or status == 'AWAITING_ACK' or status == 'SCHEDULED' then
  return WRONG_STATE
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return DONE
