--[[
  extendLeases: renew this node's leases on its running jobs, all in one call.   RUNNING -> RUNNING
  KEYS[1] running (ZSET, score = lease deadline ms)
  The deadline lives in the running set's score only (no per-renewal write to the job hash).
  ARGV[1] job key prefix   ARGV[2] now ms   ARGV[3] lease ms   ARGV[4..] pairs of id, fencing token
  Returns {lost, cancel}: ids whose lease is lost (no longer RUNNING, or held under another token; their
  handlers must stop and must not complete), and ids whose cancellation was requested.
]]
local lease = tonumber(ARGV[2]) + tonumber(ARGV[3])
local lost, cancel = {}, {}
for i = 4, #ARGV, 2 do
  local id = ARGV[i]
  local job = ARGV[1] .. id
  local f = redis.call('HMGET', job, 'status', 'token', 'cancelRequested', 'channel')
  if f[1] == 'RUNNING' and f[2] == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], lease, id)
    if f[4] then redis.call('ZADD', string.match(job, '^(%b{}:)') .. 'ch:' .. f[4] .. ':inuse', 'XX', lease, id) end
    if f[3] then cancel[#cancel + 1] = id end
  else
    lost[#lost + 1] = id
  end
end
return {lost, cancel}
