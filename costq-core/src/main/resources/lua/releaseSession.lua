--[[
  releaseSession: the client disconnected (told by the client, or by the server it was connected to). The slot
  is free at once; the client is remembered on its server for the sticky grace.
                                  LIVE -> RELEASED
  KEYS[1..10] the pool's keys (lib/route poolKeys)
  ARGV[1] session   ARGV[2] now ms   ARGV[3] sticky grace ms
  Returns {1, server, client} released; {0} no such session (already released or expired)
]]
--@include lib/route
local K = poolKeys()
local server, client = endSession(K, ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
if not server then return {0} end
return {1, server, client}
