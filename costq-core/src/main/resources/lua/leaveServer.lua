--[[
  leaveServer: a server leaves its pool (a clean stop). It gets no more sessions; the sessions it had end when
  their clients release them, ask again (they are re-routed) or stop renewing. It stays listed as gone, so the pool
  stays known (a 503, not a 404, while its servers restart) until registerServer drops it 10 leases later; what the
  admin taught about it and what was learned stay, for when it comes back under the same id.
                                  server LIVE -> GONE
  KEYS[1] servers (ZSET id -> registration deadline)   KEYS[2] info (HASH id -> JSON)
  ARGV[1] server id   ARGV[2] now ms
  Returns {1} when it was live, else {0}.
]]
local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
local now = tonumber(ARGV[2])
if not deadline or tonumber(deadline) < now then return {0} end
redis.call('ZADD', KEYS[1], now - 1, ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return {1}
