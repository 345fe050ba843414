--[[
  renewSession: a client (or the SDK for it) says it is still connected. The session's lease runs from now again.
  A session that is not there (its write was lost in a Redis failover, or its lease ran out while its client
  stayed connected) is restored on the server the client names, if that server is live: the connection exists,
  so it counts again, whatever the server's load.
                                  LIVE -> LIVE (renewed)   NONE -> LIVE (restored)
  KEYS[1..10] the pool's keys (lib/route poolKeys)
  ARGV[1] session   ARGV[2] now ms   ARGV[3] session lease ms
  ARGV[4] server to restore on ('' = do not restore)   ARGV[5] client to restore for ('' = do not restore)
  Returns {1, server, deadline, server live 0/1}   renewed
          {2, server, deadline, 1}                 restored
          {0}                                      no such session, and not restorable
]]
--@include lib/route
local K = poolKeys()
local sid, now, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local deadline = now + lease
local value = redis.call('HGET', K.sessions, sid)
if value then
  local server = split(value)
  redis.call('ZADD', K.deadlines, deadline, sid)
  local seen = redis.call('ZSCORE', K.servers, server)
  return {1, server, deadline, (seen and tonumber(seen) >= now) and 1 or 0}
end
local server, client = ARGV[4], ARGV[5]
if server == '' or client == '' then return {0} end
local seen = redis.call('ZSCORE', K.servers, server)
if not seen or tonumber(seen) < now then return {0} end
redis.call('HSET', K.sessions, sid, server .. '\n' .. client)
redis.call('ZADD', K.deadlines, deadline, sid)
redis.call('HINCRBY', K.load, server, 1)
if not redis.call('HGET', K.clients, client) then redis.call('HSET', K.clients, client, sid) end
return {2, server, deadline, 1}
