-- Shared by the decision server's transitions (spliced in by LuaScript at load time). Every session script takes
-- the ten keys of one pool first, in this order (RouteKeys.pool()); they share the pool's hash tag.
-- Timestamps stay integers of ms: they are passed to Redis as numbers, never turned into text here (Lua's
-- tostring would round them).
local function poolKeys()
  return { servers = KEYS[1], info = KEYS[2], admin = KEYS[3], learned = KEYS[4], load = KEYS[5],
           sessions = KEYS[6], deadlines = KEYS[7], clients = KEYS[8], recent = KEYS[9], recentAt = KEYS[10] }
end

-- The pool's allowed load fraction and default capacity: those stored by the config version applied last
-- (putRouteSettings), else the caller's own (ARGV), when nothing is stored for the pool.
local function storedSettings(key, allowed, default)
  local v = redis.call('HMGET', key, 'allowed', 'capacity')
  return tonumber(v[1]) or allowed, tonumber(v[2]) or default
end

local function decoded(json)
  if not json then return {} end
  return cjson.decode(json)
end

-- A session's stored value is "<server>\n<client>" (server ids hold no control characters; client ids may).
local function split(value)
  local nl = string.find(value, '\n', 1, true)
  return string.sub(value, 1, nl - 1), string.sub(value, nl + 1)
end

-- LIVE -> RELEASED / EXPIRED: the session leaves the pool and its server's count drops; with a grace, its client
-- is remembered on that server so that a reconnect within the grace comes back to it.
local function endSession(K, sid, now, graceMs)
  local value = redis.call('HGET', K.sessions, sid)
  if not value then return nil end
  local server, client = split(value)
  redis.call('HDEL', K.sessions, sid)
  redis.call('ZREM', K.deadlines, sid)
  if redis.call('HGET', K.clients, client) == sid then redis.call('HDEL', K.clients, client) end
  if redis.call('HINCRBY', K.load, server, -1) <= 0 then redis.call('HDEL', K.load, server) end
  if graceMs > 0 then
    redis.call('HSET', K.recent, client, server)
    redis.call('ZADD', K.recentAt, now + graceMs, client)
  end
  return server, client
end

-- Ends at most `limit` sessions whose lease ran out (deadline < now) and forgets at most `limit` lapsed sticky
-- memories: a bounded cost per call, the oldest first; what is left is done by the next call.
local function expireSessions(K, now, graceMs, limit)
  local ended = 0
  for _, sid in ipairs(redis.call('ZRANGEBYSCORE', K.deadlines, '-inf', now - 1, 'LIMIT', 0, limit)) do
    if endSession(K, sid, now, graceMs) then ended = ended + 1 else redis.call('ZREM', K.deadlines, sid) end
  end
  for _, client in ipairs(redis.call('ZRANGEBYSCORE', K.recentAt, '-inf', now, 'LIMIT', 0, limit)) do
    redis.call('HDEL', K.recent, client)
    redis.call('ZREM', K.recentAt, client)
  end
  return ended
end

-- The capacity the decision uses: the smallest of what the server reports, what was learned and what the admin
-- taught; the pool's default when none is known; exactly the taught value when the admin pinned it.
local function capacityOf(reported, learned, taught, pinned, default)
  if pinned and taught then return taught, 'pinned' end
  local cap, source = nil, 'default'
  if reported then cap, source = reported, 'reported' end
  if learned and (cap == nil or learned < cap) then cap, source = learned, 'learned' end
  if taught and (cap == nil or taught < cap) then cap, source = taught, 'taught' end
  if cap == nil then return default, 'default' end
  return cap, source
end

-- Sessions a server may hold under the allowed load fraction (the epsilon keeps 0.4 * 100 at 40).
local function allowedSessions(cap, allowed)
  return math.floor(allowed * cap + 1e-9)
end

-- What the decision knows of servers (whether live or not is the caller's business): four HMGETs whatever their
-- number, in chunks that keep unpack within Lua's stack. json: what was reported, taught and learned, as stored.
local function describeServers(K, ids, default)
  local out = {}
  for from = 1, #ids, 500 do
    local chunk = { unpack(ids, from, math.min(#ids, from + 499)) }
    local infos = redis.call('HMGET', K.info, unpack(chunk))
    local admins = redis.call('HMGET', K.admin, unpack(chunk))
    local learns = redis.call('HMGET', K.learned, unpack(chunk))
    local loads = redis.call('HMGET', K.load, unpack(chunk))
    for i, id in ipairs(chunk) do
      local info, admin, learned = decoded(infos[i]), decoded(admins[i]), decoded(learns[i])
      local cap, source = capacityOf(info.capacity, learned.capacity, admin.capacity, admin.pinned == true, default)
      local sessions = tonumber(loads[i] or '0')
      table.insert(out, { id = id, uri = info.uri or '', sessions = sessions, load = sessions + (info.load or 0),
                          cap = cap, source = source, draining = info.draining == true or admin.draining == true,
                          json = { infos[i] or '', admins[i] or '', learns[i] or '' } })
    end
  end
  return out
end

-- One server: nil unless its registration is live at `now`.
local function readServer(K, id, now, default)
  local deadline = redis.call('ZSCORE', K.servers, id)
  if not deadline or tonumber(deadline) < now then return nil end
  return describeServers(K, { id }, default)[1]
end

-- The order of preference among servers with room: the lower load fraction, then fewer sessions, then the id.
local function lessLoaded(s, best)
  if best == nil then return true end
  local a, b = s.load * best.cap, best.load * s.cap
  if a ~= b then return a < b end
  if s.load ~= best.load then return s.load < best.load end
  return s.id < best.id
end
