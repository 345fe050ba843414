--[[
  watchJob: mark the job awaited (a caller waits for its end, so its end is published), and read it.
    (no transition)
  KEYS[1] job hash
  ARGV (none)
  Returns the job's fields as a flat list (empty when there is no such job).
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
redis.call('HSET', KEYS[1], 'awaited', 1)
return redis.call('HGETALL', KEYS[1])
