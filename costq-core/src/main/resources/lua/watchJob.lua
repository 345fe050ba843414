--[[
  watchJob: mark that a caller waits for this job (so its completion is published), and read it.
  Not a state transition: the status is untouched.
  KEYS[1] job hash
  Returns the job's fields as a flat list (empty when there is no such job).
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
redis.call('HSET', KEYS[1], 'w', 1)
redis.call('HDEL', KEYS[1], 'plain') -- its completion is published now (see submitJobs)
return redis.call('HGETALL', KEYS[1])
