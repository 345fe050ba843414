--[[
  readPool: what the decision server knows of a pool's servers, for operators: every server registered (live or
  gone within 10 leases) or taught by the admin, with the capacity the decision uses and where it comes from.
  Reads only: sessions whose lease ran out by now but that no admit has swept yet (expireSessions) are left where
  they are and not counted.
  KEYS[1..10] the pool's keys (lib/route poolKeys)
  KEYS[11] the pool's route settings (putRouteSettings): its allowed load and default capacity, when stored
  ARGV[1] default capacity   ARGV[2] allowed load fraction   ARGV[3] now ms   (ARGV[1..2] when KEYS[11] holds none)
  Returns {live sessions of the pool, the allowed load fraction used (text), then a flat list, 9 entries per server, ordered by id: id, registration
  deadline ms (-1 = not registered), reported JSON or '', taught JSON or '', learned JSON or '', live sessions,
  capacity, capacity source, allowed sessions}
]]
--@include lib/route
local K = poolKeys()
local allowed, default = storedSettings(KEYS[11], tonumber(ARGV[2]), tonumber(ARGV[1]))
local ids, deadlines = {}, {}
local scored = redis.call('ZRANGE', K.servers, 0, -1, 'WITHSCORES')
for i = 1, #scored, 2 do
  deadlines[scored[i]] = tonumber(scored[i + 1])
  table.insert(ids, scored[i])
end
for _, id in ipairs(redis.call('HKEYS', K.admin)) do
  if not deadlines[id] then table.insert(ids, id) end
end
table.sort(ids)
-- lapsed sessions (lease over, not yet swept) per server: counted in the load hash still, not live
local lapsed, now = {}, tonumber(ARGV[3])
local gone = redis.call('ZRANGEBYSCORE', K.deadlines, '-inf', '(' .. now)
for from = 1, #gone, 500 do
  for _, v in ipairs(redis.call('HMGET', K.sessions, unpack(gone, from, math.min(#gone, from + 499)))) do
    if v then local server = split(v); lapsed[server] = (lapsed[server] or 0) + 1 end
  end
end
local out = { redis.call('ZCOUNT', K.deadlines, now, '+inf'), tostring(allowed) }
for _, s in ipairs(describeServers(K, ids, default)) do
  s.sessions = math.max(0, s.sessions - (lapsed[s.id] or 0))
  for _, v in ipairs({ s.id, deadlines[s.id] or -1, s.json[1], s.json[2], s.json[3], s.sessions, s.cap, s.source,
                       allowedSessions(s.cap, allowed) }) do
    table.insert(out, v)
  end
end
return out
