--[[
  promoteScheduled: delayed jobs that are due enter their class queue, estimated anew at due time by the caller
  (from their user's history then). Every API instance may call it at once: a job is promoted once.
    SCHEDULED -> QUEUED
  KEYS[1] scheduled (<tag>:scheduled, ZSET, score = due ms); names the partition
  ARGV[1] now ms (the jobs' queued-at)   ARGV[2] number of cost classes K (a class above K-1 goes to the last)
  then per job j (j = 1..n), 3 values from ARGV[3j]: id, cost class, estimate ms
  Returns the number of jobs promoted. A job that is no longer SCHEDULED (cancelled, or promoted by another call)
  or not due yet is left as it is.
  A promoted job's class-queue score is now + its laneMs; one with an ordering key joins its key's tail and enters
  its class queue only as the key's head. Idle workers are woken once per class queue that was empty.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local now = tonumber(ARGV[1])
local last = tonumber(ARGV[2]) - 1
local promoted = 0
for a = 3, #ARGV, 3 do
  local id, class = ARGV[a], math.min(tonumber(ARGV[a + 1]), last)
  local due = redis.call('ZSCORE', KEYS[1], id)
  if due and tonumber(due) <= now then
    redis.call('ZREM', KEYS[1], id)
    local job = jobKey(p, id)
    local f = redis.call('HMGET', job, 'status', 'okey', 'laneMs', 'type')
    if f[1] == 'SCHEDULED' then
      redis.call('HSET', job, 'status', 'QUEUED', 'class', class, 'est', ARGV[a + 2], 'queuedAt', now)
      redis.call('HDEL', job, 'runAt')
      if not f[2] or redis.call('RPUSH', orderingList(p, f[2]), id) == 1 then
        local queue = classQueue(p, class, f[4])
        redis.call('ZADD', queue, queueScore(now, f[3]), id)
        redis.call('SADD', typeSet(p), f[4])
        if redis.call('ZCARD', queue) == 1 then redis.call('PUBLISH', noticeChannel(p, 'wake'), class .. ':' .. f[4]) end
      end
      promoted = promoted + 1
    end
  end
end
return promoted
