--[[
  cancelJob: cancel a queued job at once, or ask a running job's owner to stop.
                                          QUEUED -> CANCELLED; RUNNING -> RUNNING (cancel requested)
  KEYS[1] job hash   KEYS[2] delayed   KEYS[3..2+K] the K class queues
  ARGV[1] id   ARGV[2] now ms   ARGV[3] retention ms   ARGV[4] done channel   ARGV[5] cancel channel
  Returns 1 cancelled; 2 cancel requested from the running owner; 0 already finished; -1 no such job.
  A cancelled job leaves its ordering key (the next job of the key may start) and any channel wait list.
]]
--@include lib/ordering
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status == 'QUEUED' then
  for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
  redis.call('ZREM', KEYS[2], ARGV[1])
  local channel = redis.call('HGET', KEYS[1], 'channel')
  if channel then redis.call('ZREM', partitionOf(KEYS[1]) .. 'ch:' .. channel .. ':wait', ARGV[1]) end
  redis.call('HSET', KEYS[1], 'status', 'CANCELLED', 'finishedAt', ARGV[2], 'error', 'cancelled while queued')
  releaseOrderingKey(KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[1], 'runAt')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PUBLISH', ARGV[4], ARGV[1])
  return 1
end
if status == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'cancelRequested', ARGV[2])
  redis.call('PUBLISH', ARGV[5], ARGV[1])
  return 2
end
return 0
