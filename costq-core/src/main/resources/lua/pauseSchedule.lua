--[[
  pauseSchedule: pauses a recurring schedule (no tick fires while paused) or resumes it; ticks that passed while it
  was paused are not caught up: a resumed schedule's next fire is ARGV[3], the first tick after now.
  KEYS[1] the schedule (<tag>:sched:<name>, HASH)   KEYS[2] schedule names (<tag>:sched:names, ZSET by next fire)
  ARGV[1] name   ARGV[2] '1' pause or '0' resume   ARGV[3] next fire on resume (ms)   ARGV[4] now ms
  ARGV[5] score of a paused schedule (far in the future)
  Returns DONE; DUPLICATE (it was paused, or running, already); NO_SUCH_SCHEDULE.
]]
--@include lib/codes
local paused = redis.call('HGET', KEYS[1], 'paused')
if not paused then return NO_SUCH_SCHEDULE end
if paused == ARGV[2] then return DUPLICATE end
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], 'paused', '1', 'updatedAt', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
else
  redis.call('HSET', KEYS[1], 'paused', '0', 'nextFire', ARGV[3], 'updatedAt', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
end
return DONE
