-- Shared by every transition that ends a job's turn on its ordering key.
--@include lib/keys

-- The job's turn on its ordering key is over: it leaves the key's list and, if it was the head, the next job
-- of the key (when it is simply waiting its turn) enters its class queue at its original queued-at + its laneMs (the lane's offset).
-- okey: the job's 'okey' field when the caller has read it already (false = none); nil reads it here.
local function releaseOrderingKey(jobKey, id, okey)
  if okey == nil then okey = redis.call('HGET', jobKey, 'okey') end
  if not okey then return end
  local p = partitionOf(jobKey)
  local list = orderingList(p, okey)
  local wasHead = redis.call('LINDEX', list, 0) == id
  redis.call('LREM', list, 1, id)
  if not wasHead then return end
  local nextId = redis.call('LINDEX', list, 0)
  if nextId then
    local f = redis.call('HMGET', p .. 'job:' .. nextId, 'status', 'class', 'queuedAt', 'runAt', 'type', 'laneMs')
    if f[1] == 'QUEUED' and not f[4] then
      redis.call('ZADD', classQueue(p, f[2], f[5]), queueScore(f[3], f[6]), nextId)
      redis.call('PUBLISH', noticeChannel(p, 'wake'), f[2] .. ':' .. f[5]) -- idle workers of the type pull it now
    end
  end
end

-- A cancel was requested while the job ran, and its run ended without completing (failure, lost lease): the
-- job ends CANCELLED instead of being queued again.
local function endCancelled(jobKey, id, now, retentionMs)
  redis.call('HSET', jobKey, 'status', 'CANCELLED', 'finishedAt', now, 'error', 'cancelled while running')
  releaseOrderingKey(jobKey, id)
  redis.call('PEXPIRE', jobKey, retentionMs)
  redis.call('PUBLISH', noticeChannel(partitionOf(jobKey), 'done'), id)
end

-- The job no longer holds a permit of its delivery channel. channel: as okey above.
local function releasePermit(jobKey, id, channel)
  if channel == nil then channel = redis.call('HGET', jobKey, 'channel') end
  if channel then redis.call('ZREM', channelKey(partitionOf(jobKey), channel, 'inuse'), id) end
end
