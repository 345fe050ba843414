--[[
  retryJob: an operator gives a DEAD job a fresh set of attempts.             DEAD -> QUEUED
  KEYS[1] job hash   KEYS[2] dead list (ZSET)   KEYS[3..2+K] the K class queues
  ARGV[1] id   ARGV[2] now ms   ARGV[3] wake channel
  Returns 1 queued again; 0 the job is not DEAD; -1 no such job.
  The job re-enters its class queue at the back (queued-at = now); its last error stays readable. A job with an
  ordering key re-joins the tail of its key (the key has moved on since it died) and waits its turn there.
]]
local f = redis.call('HMGET', KEYS[1], 'status', 'class')
if not f[1] then return -1 end
if f[1] ~= 'DEAD' then return 0 end
local class = math.min(tonumber(f[2]), #KEYS - 3)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('PERSIST', KEYS[1])
redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'attempts', 0, 'queuedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'finishedAt', 'durationMs', 'node', 'token', 'startedAt', 'cancelRequested')
local ready = true
local okey = redis.call('HGET', KEYS[1], 'okey')
if okey then
  ready = redis.call('RPUSH', string.match(KEYS[1], '^(%b{}:)') .. 'ok:' .. okey, ARGV[1]) == 1
end
if ready then redis.call('ZADD', KEYS[3 + class], ARGV[2], ARGV[1]) end
redis.call('PUBLISH', ARGV[3], 'retry')
return 1
