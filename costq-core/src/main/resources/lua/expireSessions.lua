--[[
  expireSessions: ends sessions whose lease ran out (their clients vanished without releasing), oldest first,
  at most a limit per call; admitSession and registerServer do the same before they count.
                                  LIVE -> EXPIRED
  KEYS[1..10] the pool's keys (lib/route poolKeys)
  ARGV[1] now ms   ARGV[2] sticky grace ms   ARGV[3] most sessions to end
  Returns the number of sessions ended.
]]
--@include lib/route
return expireSessions(poolKeys(), tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
