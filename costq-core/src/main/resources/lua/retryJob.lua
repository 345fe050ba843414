--[[
  retryJob: an operator gives a DEAD or FAILED job a fresh set of attempts.
    DEAD -> QUEUED
    FAILED -> QUEUED
  KEYS[1] job hash   KEYS[2] dead list (ZSET)
  ARGV[1] id   ARGV[2] now ms   ARGV[3] number of cost classes K
  ARGV[4] scope (the caller's tenants: '*' or a comma-separated list; a job outside it is NO_SUCH_JOB, checked first)
  Returns DONE (queued again); WRONG_STATE (the job is neither DEAD nor FAILED); NO_SUCH_JOB.
  The job re-enters its class queue at the back (queued-at = now, score now + its laneMs,
  the lane's offset); its last error stays readable. A job with an
  ordering key re-joins the tail of its key (the key has moved on since it ended) and waits its turn there.
]]
--@include lib/keys
--@include lib/codes
--@include lib/tenants
local f = redis.call('HMGET', KEYS[1], 'status', 'class', 'okey', 'type', 'laneMs')
if not f[1] or outsideScope(KEYS[1], ARGV[4]) then return NO_SUCH_JOB end
if f[1] ~= 'DEAD' and f[1] ~= 'FAILED' then return WRONG_STATE end
local p = partitionOf(KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('PERSIST', KEYS[1])
redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'attempts', 0, 'queuedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'finishedAt', 'durationMs', 'node', 'token', 'startedAt', 'cancelRequested')
if not f[3] or redis.call('RPUSH', orderingList(p, f[3]), ARGV[1]) == 1 then
  redis.call('ZADD', classQueue(p, math.min(tonumber(f[2]), tonumber(ARGV[3]) - 1), f[4]), queueScore(ARGV[2], f[5]), ARGV[1])
end
redis.call('PUBLISH', noticeChannel(p, 'wake'), 'retry')
return DONE
