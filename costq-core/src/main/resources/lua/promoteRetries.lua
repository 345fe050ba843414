--[[
  promoteRetries: retries whose backoff is over go back to their class queue, at their original queued-at plus
  the job's laneMs (its lane's offset), the score a submit gave them.
    QUEUED -> QUEUED     delayed -> class queue
  KEYS[1] delayed (<tag>:delayed, ZSET, score = due ms)
  ARGV[1] now ms   ARGV[2] number of cost classes K (a class above K-1 goes to the last class)   ARGV[3] max jobs
  Returns the number of jobs promoted.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local last = tonumber(ARGV[2]) - 1
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local promoted = 0
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local job = jobKey(p, id)
  local f = redis.call('HMGET', job, 'status', 'class', 'queuedAt', 'type', 'laneMs')
  if f[1] == 'QUEUED' then
    redis.call('ZADD', classQueue(p, math.min(tonumber(f[2]), last), f[4]), queueScore(f[3], f[5]), id)
    redis.call('HDEL', job, 'runAt')
    promoted = promoted + 1
  end
end
return promoted
