--[[
  readPool: what the decision server knows of a pool's servers, for operators: every server registered (live or
  gone within 10 leases) or taught by the admin, with the capacity the decision uses and where it comes from.
  Reads only (expireSessions runs first when the counts must be current).
  KEYS[1..10] the pool's keys (lib/route poolKeys)
  ARGV[1] now ms   ARGV[2] default capacity   ARGV[3] allowed load fraction
  Returns a flat list, 9 entries per server, ordered by id: id, registration deadline ms (-1 = not registered),
  reported JSON or '', taught JSON or '', learned JSON or '', live sessions, capacity, capacity source,
  allowed sessions
]]
--@include lib/route
local K = poolKeys()
local now, default, allowed = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
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
local out = {}
for _, id in ipairs(ids) do
  local info = redis.call('HGET', K.info, id)
  local admin = redis.call('HGET', K.admin, id)
  local learned = redis.call('HGET', K.learned, id)
  local i, a, l = decoded(info), decoded(admin), decoded(learned)
  local cap, source = capacityOf(i.capacity, l.capacity, a.capacity, a.pinned == true, default)
  for _, v in ipairs({ id, deadlines[id] or -1, info or '', admin or '', learned or '',
                       tonumber(redis.call('HGET', K.load, id) or '0'), cap, source,
                       allowedSessions(cap, allowed) }) do
    table.insert(out, v)
  end
end
return out
