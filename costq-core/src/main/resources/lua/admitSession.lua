--[[
  admitSession: the decision server's answer to "which server should I connect to?". A client gets, in order:
  its own live session again (a retried ask), while that session's server is live and not draining; the server
  it had within the sticky grace, if that one has room; else the live, not draining server with the lowest load
  fraction that has room (ties: fewer sessions, then the lower id, so every API instance answers alike).
  Room: load + 1 <= floor(allowed load x capacity), load = live sessions + the load the server reports.
                                  NONE -> LIVE (admitted)   LIVE -> LIVE (own session again, lease renewed)
                                  LIVE -> EXPIRED (lease ran out, bounded per call)
                                  LIVE -> RELEASED (own session on a server that left or drains; then re-routed)
  KEYS[1..10] the pool's keys (lib/route poolKeys: servers, info, admin, learned, load, sessions, deadlines,
              clients, recent, recentAt)
  KEYS[11] the pool's route settings (putRouteSettings): its allowed load and default capacity, when stored
  ARGV[1] now ms   ARGV[2] client id   ARGV[3] id of the new session   ARGV[4] session lease ms
  ARGV[5] allowed load fraction   ARGV[6] sticky grace ms   ARGV[7] default capacity   ARGV[8] expiry limit
  (ARGV[5] and ARGV[7] only when KEYS[11] holds none)
  Returns {1, session, server, uri, load, capacity, allowed sessions, sticky 0/1, existing 0/1, allowed load
          fraction used (text)}  (load after)
          {0, live servers}   no live server has room (or none is live)
          {-1}                unknown pool: no server registered in it and no admin setting
]]
--@include lib/route
local K = poolKeys()
local now, client, sid = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local lease, grace = tonumber(ARGV[4]), tonumber(ARGV[6])
local allowed, default = storedSettings(KEYS[11], tonumber(ARGV[5]), tonumber(ARGV[7]))
expireSessions(K, now, grace, tonumber(ARGV[8]))

local own = redis.call('HGET', K.clients, client)
if own then
  local value = redis.call('HGET', K.sessions, own)
  local s = value and readServer(K, (split(value)), now, default)
  if s and not s.draining then
    redis.call('ZADD', K.deadlines, now + lease, own)
    return {1, own, s.id, s.uri, s.load, s.cap, allowedSessions(s.cap, allowed), 1, 1, tostring(allowed)}
  end
  if value then endSession(K, own, now, 0) else redis.call('HDEL', K.clients, client) end
end

local stickyId = redis.call('HGET', K.recent, client)
local live, best, sticky = 0, nil, nil
for _, s in ipairs(describeServers(K, redis.call('ZRANGEBYSCORE', K.servers, now, '+inf'), default)) do
  local id = s.id
  live = live + 1
  if not s.draining and s.load + 1 <= allowedSessions(s.cap, allowed) then
    if id == stickyId then sticky = s end
    if lessLoaded(s, best) then best = s end
  end
end

local chosen = sticky or best
if chosen == nil then
  if live == 0 and redis.call('EXISTS', K.servers) == 0 and redis.call('EXISTS', K.admin) == 0 then return {-1} end
  return {0, live}
end
redis.call('HSET', K.sessions, sid, chosen.id .. '\n' .. client)
redis.call('ZADD', K.deadlines, now + lease, sid)
redis.call('HSET', K.clients, client, sid)
redis.call('HINCRBY', K.load, chosen.id, 1)
redis.call('HDEL', K.recent, client)
redis.call('ZREM', K.recentAt, client)
return {1, sid, chosen.id, chosen.uri, chosen.load + 1, chosen.cap, allowedSessions(chosen.cap, allowed),
        sticky and 1 or 0, 0, tostring(allowed)}
