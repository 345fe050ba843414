--[[
  cancelJob: cancel a queued or scheduled job at once, or ask a running job's owner to stop.
    QUEUED -> CANCELLED
    SCHEDULED -> CANCELLED   it leaves the scheduled set (it joins no queue or ordering key before it is due)
    RUNNING -> RUNNING    cancel requested: the owner stops the run, which then ends CANCELLED
  KEYS[1] job hash   KEYS[2] delayed (ZSET)   KEYS[3] scheduled (ZSET)
  ARGV[1] id   ARGV[2] now ms   ARGV[3] retention ms   ARGV[4] number of cost classes K
  ARGV[5] scope (the caller's tenants: '*' or a comma-separated list; a job outside it is NO_SUCH_JOB, checked first)
  Returns CANCELLED; CANCEL_REQUESTED; WRONG_STATE (it has finished already); NO_SUCH_JOB.
  A cancelled job leaves its class queue (its own class's, or the last one's after a lowered class count), its
  ordering key (the next job of the key may start) and any channel wait list.
]]
--@include lib/keys
--@include lib/codes
--@include lib/ordering
--@include lib/tenants
local f = redis.call('HMGET', KEYS[1], 'status', 'class', 'channel', 'type')
if not f[1] or outsideScope(KEYS[1], ARGV[5]) then return NO_SUCH_JOB end
local p = partitionOf(KEYS[1])
if f[1] == 'QUEUED' then
  redis.call('ZREM', classQueue(p, f[2], f[4]), ARGV[1])
  redis.call('ZREM', classQueue(p, math.min(tonumber(f[2]), tonumber(ARGV[4]) - 1), f[4]), ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  if f[3] then redis.call('ZREM', channelKey(p, f[3], 'wait'), ARGV[1]) end
  redis.call('HSET', KEYS[1], 'status', 'CANCELLED', 'finishedAt', ARGV[2], 'error', 'cancelled while queued')
  releaseOrderingKey(KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[1], 'runAt')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PUBLISH', noticeChannel(p, 'done'), ARGV[1])
  return CANCELLED
end
if f[1] == 'SCHEDULED' then
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('HSET', KEYS[1], 'status', 'CANCELLED', 'finishedAt', ARGV[2], 'error', 'cancelled while scheduled')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PUBLISH', noticeChannel(p, 'done'), ARGV[1])
  return CANCELLED
end
if f[1] == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'cancelRequested', ARGV[2])
  redis.call('PUBLISH', noticeChannel(p, 'cancel'), ARGV[1])
  return CANCEL_REQUESTED
end
return WRONG_STATE
