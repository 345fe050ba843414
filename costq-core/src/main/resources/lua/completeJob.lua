--[[
  completeJob: record a successful or failed run, if the caller still holds the job.
                                                  RUNNING -> SUCCEEDED | FAILED | CANCELLED
  KEYS[1] job hash   KEYS[2] running   KEYS[3] user's run history (LIST, newest first)   KEYS[4] stats hash
  ARGV[1] id   ARGV[2] fencing token   ARGV[3] SUCCEEDED | FAILED | CANCELLED   ARGV[4] result JSON (or error text)
  ARGV[5] now ms   ARGV[6] run duration ms   ARGV[7] history window   ARGV[8] retention ms
  ARGV[9] done channel
  Returns 1 done; -1 the job is not RUNNING; -2 the token is stale (another owner holds it).
  A successful run's duration joins the user's history, trimmed to the window, in the same step.
]]
local f = redis.call('HMGET', KEYS[1], 'status', 'token')
if f[1] ~= 'RUNNING' then
  redis.call('HINCRBY', KEYS[4], 'staleCompletions', 1)
  return -1
end
if f[2] ~= ARGV[2] then
  redis.call('HINCRBY', KEYS[4], 'staleCompletions', 1)
  return -2
end
local field = 'result'
if ARGV[3] ~= 'SUCCEEDED' then field = 'error' end
redis.call('HSET', KEYS[1], 'status', ARGV[3], field, ARGV[4], 'finishedAt', ARGV[5], 'durationMs', ARGV[6])
redis.call('HDEL', KEYS[1], 'leaseUntil', 'cancelRequested')
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[3] == 'SUCCEEDED' then
  redis.call('LPUSH', KEYS[3], ARGV[6])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[7]) - 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[8])
redis.call('PUBLISH', ARGV[9], ARGV[1])
return 1
