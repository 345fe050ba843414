--[[
  ackJob: the external platform confirmed delivery (a webhook, through any API instance).
    AWAITING_ACK -> SUCCEEDED    ack = acked; the key's next job is released
  An ack for a job still QUEUED or RUNNING is recorded (ackedEarly): its run then ends SUCCEEDED at once.
  KEYS[1] job hash   KEYS[2] ack deadlines (<tag>:acks, ZSET)
  ARGV[1] id   ARGV[2] now ms   ARGV[3] retention ms   ARGV[4] scope (the caller's tenants: '*' or a comma-separated list; a job outside it is NO_SUCH_JOB, checked first)
  Returns DONE (acked); ACK_RECORDED_EARLY; DUPLICATE (already acked, or its ack timed out); WRONG_STATE (the job
  does not await an ack, or has failed); NO_SUCH_JOB.
]]
--@include lib/keys
--@include lib/codes
--@include lib/ordering
--@include lib/tenants
local f = redis.call('HMGET', KEYS[1], 'status', 'awaitAck', 'ack', 'awaited')
if not f[1] or outsideScope(KEYS[1], ARGV[4]) then return NO_SUCH_JOB end
if f[1] == 'AWAITING_ACK' then
  redis.call('HSET', KEYS[1], 'status', 'SUCCEEDED', 'ack', 'acked', 'ackedAt', ARGV[2], 'finishedAt', ARGV[2])
  redis.call('ZREM', KEYS[2], ARGV[1])
  releaseOrderingKey(KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  if f[4] then redis.call('PUBLISH', noticeChannel(partitionOf(KEYS[1]), 'done'), ARGV[1]) end
  return DONE
end
if not f[2] then return WRONG_STATE end
if f[1] == 'QUEUED' or f[1] == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'ackedEarly', ARGV[2])
  return ACK_RECORDED_EARLY
end
if f[3] then return DUPLICATE end
return WRONG_STATE
