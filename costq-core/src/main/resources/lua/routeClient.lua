--[[
  routeClient: the decision server. Picks the node of a pool a client should use: its sticky node while that node
  is live and under its allowed load, else the least-loaded live node under it; remembers the choice.
  KEYS[1] node directory (ZSET of node ids)   KEYS[2] sticky map of the pool (HASH client -> node id)
  KEYS[3] last route per client of the pool (ZSET client -> ms)
  KEYS[4] routes given since each node's last heartbeat (HASH node id -> "<lastSeen>:<count>")
  ARGV[1] pool (the nodes' role)   ARGV[2] client id   ARGV[3] now ms   ARGV[4] allowed load fraction
  ARGV[5] sticky ttl ms   ARGV[6] node hash key prefix (a node id is appended percent-encoded, as Keys.encode does)
  Load of a node = its heartbeat's runningTasks, capacity = maxTasks. A new client also counts the routes given
  since that heartbeat (so a burst between heartbeats spreads); a sticky client is already in the reported load.
  Returns {1, node id, uri, load, capacity, sticky 0/1} or {0, live nodes of the pool} when every one is at its limit.
]]
local function encode(s)
  return (string.gsub(s, '[^A-Za-z0-9%._%-]', function(c) return string.format('%%%02X', string.byte(c)) end))
end
local now, allowed, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

-- forget clients not routed within the ttl, a bounded number per call
local stale = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - ttl, 'LIMIT', 0, 100)
for _, c in ipairs(stale) do
  redis.call('HDEL', KEYS[2], c)
  redis.call('ZREM', KEYS[3], c)
end

local live, byId = 0, {}
local best
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local h = redis.call('HMGET', ARGV[6] .. encode(id), 'role', 'runningTasks', 'maxTasks', 'uri', 'lastSeen')
  local cap = tonumber(h[3] or '0') or 0
  if h[1] == ARGV[1] and cap > 0 then
    live = live + 1
    local fresh = 0
    local f = redis.call('HGET', KEYS[4], id)
    if f then
      local seen, count = string.match(f, '^(.*):(%d+)$')
      if seen == h[5] then fresh = tonumber(count) end
    end
    local reported = tonumber(h[2] or '0') or 0
    local n = { id = id, uri = h[4] or '', load = reported + fresh, cap = cap, seen = h[5] or '', fresh = fresh }
    if reported < allowed * cap then byId[id] = n end
    if n.load < allowed * cap then
      -- least loaded fraction first; ties by the lower load, then by id, so every instance answers the same
      if best == nil or n.load * best.cap < best.load * n.cap
          or (n.load * best.cap == best.load * n.cap and (n.load < best.load or (n.load == best.load and id < best.id))) then
        best = n
      end
    end
  end
end

local sticky = redis.call('HGET', KEYS[2], ARGV[2])
local chosen, wasSticky = nil, 0
if sticky and byId[sticky] then
  chosen, wasSticky = byId[sticky], 1
elseif best then
  chosen = best
  redis.call('HSET', KEYS[4], chosen.id, chosen.seen .. ':' .. (chosen.fresh + 1))
end
if chosen == nil then return {0, live} end
redis.call('HSET', KEYS[2], ARGV[2], chosen.id)
redis.call('ZADD', KEYS[3], now, ARGV[2])
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ttl) end
return {1, chosen.id, chosen.uri, chosen.load, chosen.cap, wasSticky}
