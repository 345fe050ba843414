--[[
  requeueExpired: the reaper. Jobs whose lease passed go back to their class queue (keeping their place by
  queued-at + the job's laneMs, its lane's offset) while attempts remain, else DEAD. The old owner's token no longer matches, so its late completion
  is rejected.
    RUNNING -> QUEUED       attempts remain
    RUNNING -> DEAD         out of attempts
    RUNNING -> CANCELLED    a cancel was requested during the run
  KEYS[1] running   KEYS[2] stats hash   KEYS[3] dead list (ZSET)
  ARGV[1] now ms   ARGV[2] max jobs per call   ARGV[3] retention ms   ARGV[4] number of cost classes K
  Returns {requeued, dead}. A requeued job keeps the head of its ordering key; its channel permit is freed.
  The expired attempt joins the job's 'runs' (lib/runs).
]]
--@include lib/keys
--@include lib/ordering
--@include lib/runs
local p = partitionOf(KEYS[1])
local now = tonumber(ARGV[1])
local last = tonumber(ARGV[4]) - 1
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local requeued, dead = 0, 0
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[1], id)
  local job = jobKey(p, id)
  local f = redis.call('HMGET', job, 'status', 'attempts', 'maxAttempts', 'class', 'queuedAt', 'node', 'cancelRequested',
    'type', 'startedAt', 'laneMs')
  if f[1] == 'RUNNING' then
    redis.call('HINCRBY', KEYS[2], 'leaseExpiries', 1)
    releasePermit(job, id)
    redis.call('HDEL', job, 'node', 'token')
    local reason = 'lease expired on node ' .. tostring(f[6]) .. ' (attempt ' .. f[2] .. ')'
    recordRun(job, f[6], f[9], now, 'LEASE_EXPIRED', reason)
    if f[7] then
      endCancelled(job, id, now, ARGV[3])
    elseif tonumber(f[2]) < tonumber(f[3]) then
      redis.call('HSET', job, 'status', 'QUEUED', 'error', reason)
      redis.call('ZADD', classQueue(p, math.min(tonumber(f[4]), last), f[8]), queueScore(f[5], f[10]), id)
      requeued = requeued + 1
    else
      redis.call('HSET', job, 'status', 'DEAD', 'error', reason, 'finishedAt', now)
      redis.call('ZADD', KEYS[3], now, id)
      releaseOrderingKey(job, id)
      redis.call('PEXPIRE', job, ARGV[3])
      redis.call('PUBLISH', noticeChannel(p, 'done'), id)
      dead = dead + 1
    end
  end
end
if requeued > 0 then redis.call('PUBLISH', noticeChannel(p, 'wake'), 'requeued') end
return {requeued, dead}
