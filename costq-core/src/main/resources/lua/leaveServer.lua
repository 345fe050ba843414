--[[
  leaveServer: a server leaves its pool (a clean stop). It gets no more sessions; the sessions it had end when
  their clients release them, ask again (they are re-routed) or stop renewing. What the admin taught about it and
  what was learned stay, for when it comes back under the same id.
                                  server LIVE -> GONE
  KEYS[1] servers (ZSET id -> registration deadline)   KEYS[2] info (HASH id -> JSON)
  ARGV[1] server id
  Returns 1 when it was registered, else 0.
]]
local was = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return {was}
