--[[
  ackJob: the external platform confirmed delivery (a webhook, through any API instance).
                                                              AWAITING_ACK -> SUCCEEDED (ack = acked)
  KEYS[1] job hash   KEYS[2] ack deadlines (<tag>:acks, ZSET)
  ARGV[1] id   ARGV[2] now ms   ARGV[3] retention ms   ARGV[4] done channel
  Returns 1 acked (the key's next job is released); 2 ack recorded early (the run has not finished; it will
  end SUCCEEDED at once); 3 duplicate or late (already acked or timed out); 0 the job does not wait for an ack
  or has failed; -1 no such job.
]]
--@include lib/ordering
local f = redis.call('HMGET', KEYS[1], 'status', 'awaitAck', 'ack', 'w')
if not f[1] then return -1 end
if f[1] == 'AWAITING_ACK' then
  redis.call('HSET', KEYS[1], 'status', 'SUCCEEDED', 'ack', 'acked', 'ackedAt', ARGV[2], 'finishedAt', ARGV[2])
  redis.call('ZREM', KEYS[2], ARGV[1])
  releaseOrderingKey(KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  if f[4] then redis.call('PUBLISH', ARGV[4], ARGV[1]) end
  return 1
end
if not f[2] then return 0 end
if f[1] == 'QUEUED' or f[1] == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'ackedEarly', ARGV[2])
  return 2
end
if f[3] then return 3 end
return 0
