--[[
  requeueExpired: the reaper. Jobs whose lease passed go back to their class queue (keeping their place by
  queued-at) while attempts remain, else DEAD. The old owner's token no longer matches, so its late
  completion is rejected.                                      RUNNING -> QUEUED | DEAD
  KEYS[1] running   KEYS[2] stats hash   KEYS[3] dead list (ZSET)   KEYS[4..3+K] the K class queues
  ARGV[1] job key prefix   ARGV[2] now ms   ARGV[3] max jobs per call   ARGV[4] retention ms
  ARGV[5] done channel     ARGV[6] wake channel
  Returns {requeued, dead}. A requeued job keeps the head of its ordering key; its channel permit is freed. A job
  whose cancellation was requested ends CANCELLED instead.                          RUNNING -> CANCELLED
]]
--@include lib/ordering
local prefix = ARGV[1]
local now = tonumber(ARGV[2])
local classes = #KEYS - 3
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local requeued, dead = 0, 0
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[1], id)
  local job = prefix .. id
  local f = redis.call('HMGET', job, 'status', 'attempts', 'maxAttempts', 'class', 'queuedAt', 'node', 'cancelRequested')
  if f[1] == 'RUNNING' then
    redis.call('HINCRBY', KEYS[2], 'leaseExpiries', 1)
    releasePermit(job, id)
    redis.call('HDEL', job, 'node', 'token')
    local reason = 'lease expired on node ' .. tostring(f[6]) .. ' (attempt ' .. f[2] .. ')'
    if f[7] then
      endCancelled(job, id, now, ARGV[4], ARGV[5])
    elseif tonumber(f[2]) < tonumber(f[3]) then
      local class = math.min(tonumber(f[4]), classes - 1)
      redis.call('HSET', job, 'status', 'QUEUED', 'error', reason)
      redis.call('ZADD', KEYS[3 + class + 1], f[5], id)
      requeued = requeued + 1
    else
      redis.call('HSET', job, 'status', 'DEAD', 'error', reason, 'finishedAt', now)
      redis.call('ZADD', KEYS[3], now, id)
      releaseOrderingKey(job, id)
      redis.call('PEXPIRE', job, ARGV[4])
      redis.call('PUBLISH', ARGV[5], id)
      dead = dead + 1
    end
  end
end
if requeued > 0 then redis.call('PUBLISH', ARGV[6], 'requeued') end
return {requeued, dead}
