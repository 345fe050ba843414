--[[
  extendLeases: renew this node's leases on its running jobs, all in one call.
    RUNNING -> RUNNING    the lease deadline moves on
  KEYS[1] running (ZSET, score = lease deadline ms; the deadline lives there only, not in the job hash)
  ARGV[1] now ms   ARGV[2] lease ms   ARGV[3..] pairs of id, fencing token
  Returns {lost, cancel}: ids whose lease is lost (no longer RUNNING, or held under another token; their
  handlers must stop and must not complete), and ids whose cancellation was requested.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local lease = tonumber(ARGV[1]) + tonumber(ARGV[2])
local lost, cancel = {}, {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local f = redis.call('HMGET', jobKey(p, id), 'status', 'token', 'cancelRequested', 'channel')
  if f[1] == 'RUNNING' and f[2] == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], lease, id)
    if f[4] then redis.call('ZADD', channelKey(p, f[4], 'inuse'), 'XX', lease, id) end
    if f[3] then cancel[#cancel + 1] = id end
  else
    lost[#lost + 1] = id
  end
end
return {lost, cancel}
