--[[
  expireAcks: no ack came within the ack timeout: the job counts as sent and its key moves on.
                                                              AWAITING_ACK -> SUCCEEDED (ack = timeout)
  KEYS[1] ack deadlines (<tag>:acks, ZSET)
  ARGV[1] job key prefix   ARGV[2] now ms   ARGV[3] max jobs per call   ARGV[4] retention ms   ARGV[5] done channel
  Returns the number of jobs timed out.
]]
--@include lib/ordering
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local n = 0
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local job = ARGV[1] .. id
  local f = redis.call('HMGET', job, 'status', 'w')
  if f[1] == 'AWAITING_ACK' then
    redis.call('HSET', job, 'status', 'SUCCEEDED', 'ack', 'timeout', 'finishedAt', ARGV[2])
    releaseOrderingKey(job, id)
    redis.call('PEXPIRE', job, ARGV[4])
    if f[2] then redis.call('PUBLISH', ARGV[5], id) end
    n = n + 1
  end
end
return n
