--[[
  expireAcks: no ack came within the ack timeout: the job counts as sent and its key moves on.
    AWAITING_ACK -> SUCCEEDED    ack = timeout
  KEYS[1] ack deadlines (<tag>:acks, ZSET)
  ARGV[1] now ms   ARGV[2] max jobs per call   ARGV[3] retention ms
  Returns the number of jobs timed out.
]]
--@include lib/keys
--@include lib/ordering
local p = partitionOf(KEYS[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local n = 0
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local job = jobKey(p, id)
  local f = redis.call('HMGET', job, 'status', 'awaited')
  if f[1] == 'AWAITING_ACK' then
    redis.call('HSET', job, 'status', 'SUCCEEDED', 'ack', 'timeout', 'finishedAt', ARGV[1])
    releaseOrderingKey(job, id)
    redis.call('PEXPIRE', job, ARGV[3])
    if f[2] then redis.call('PUBLISH', noticeChannel(p, 'done'), id) end
    n = n + 1
  end
end
return n
