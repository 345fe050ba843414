--[[
  failJob: a run failed: with a retryable error back to QUEUED after a backoff while attempts remain, else DEAD;
  with a permanent one (ARGV[9] = '1': a retry cannot fix it) FAILED at once.
    RUNNING -> QUEUED       attempts remain: in the delayed set until the retry is due (runAt)
    RUNNING -> DEAD         out of attempts
    RUNNING -> FAILED       a permanent failure
    RUNNING -> CANCELLED    a cancel was requested during the run
  KEYS[1] job hash   KEYS[2] running   KEYS[3] delayed (ZSET, score = due ms)   KEYS[4] stats hash
  KEYS[5] dead list (ZSET, score = ms)
  ARGV[1] id   ARGV[2] fencing token   ARGV[3] error text   ARGV[4] now ms   ARGV[5] due ms of the retry
  ARGV[6] run duration ms   ARGV[7] retention ms   ARGV[8] the failure's stack trace ('' = none; the caller bounds
  its size)   ARGV[9] '1' for a permanent failure, else retryable
  Returns RETRY_SCHEDULED, DEAD, FAILED or CANCELLED; WRONG_STATE (the job is not RUNNING); STALE_TOKEN.
  The failed attempt joins the job's 'runs' (lib/runs).
  A retried job keeps the head of its ordering key (order is never changed by a retry); a DEAD one releases it.
]]
--@include lib/keys
--@include lib/codes
--@include lib/ordering
--@include lib/runs
local f = redis.call('HMGET', KEYS[1], 'status', 'token', 'attempts', 'maxAttempts', 'cancelRequested', 'node', 'startedAt')
if f[1] ~= 'RUNNING' then
  redis.call('HINCRBY', KEYS[4], 'staleCompletions', 1)
  return WRONG_STATE
end
if f[2] ~= ARGV[2] then
  redis.call('HINCRBY', KEYS[4], 'staleCompletions', 1)
  return STALE_TOKEN
end
redis.call('ZREM', KEYS[2], ARGV[1])
recordRun(KEYS[1], f[6], f[7], ARGV[4], f[5] and 'CANCELLED' or 'FAILED', ARGV[3])
releasePermit(KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[1], 'node', 'token')
if ARGV[8] and ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'stackTrace', ARGV[8]) end
if f[5] then
  endCancelled(KEYS[1], ARGV[1], ARGV[4], ARGV[7])
  return CANCELLED
end
if ARGV[9] == '1' then
  redis.call('HSET', KEYS[1], 'status', 'FAILED', 'error', ARGV[3], 'finishedAt', ARGV[4], 'durationMs', ARGV[6])
  releaseOrderingKey(KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[7])
  redis.call('PUBLISH', noticeChannel(partitionOf(KEYS[1]), 'done'), ARGV[1])
  return FAILED
end
if tonumber(f[3]) < tonumber(f[4]) then
  redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'error', ARGV[3], 'runAt', ARGV[5])
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  return RETRY_SCHEDULED
end
redis.call('HSET', KEYS[1], 'status', 'DEAD', 'error', ARGV[3], 'finishedAt', ARGV[4], 'durationMs', ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
releaseOrderingKey(KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PUBLISH', noticeChannel(partitionOf(KEYS[1]), 'done'), ARGV[1])
return DEAD
