--[[
  watchJob: mark the job awaited (a caller waits for its end, so its end is published), and read it.
    (no transition)
  KEYS[1] job hash
  ARGV[1] scope (the caller's tenants: '*' or a comma-separated list; a job outside it is no such job, checked first)
  Returns the job's fields as a flat list (empty when there is no such job, or it is outside the scope: not marked).
]]
--@include lib/tenants
if redis.call('EXISTS', KEYS[1]) == 0 or outsideScope(KEYS[1], ARGV[1]) then return {} end
-- 'opt' names the job's rare fields (lib/keys rareFields): it now has 'awaited'
local opt = redis.call('HGET', KEYS[1], 'opt')
if opt and not string.find(opt, 'a', 1, true) then
  redis.call('HSET', KEYS[1], 'awaited', 1, 'opt', opt .. 'a')
else
  redis.call('HSET', KEYS[1], 'awaited', 1)
end
return redis.call('HGETALL', KEYS[1])
