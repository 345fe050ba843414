-- Delivery channels: widths and rates as configured (ARGV from index a: c, then c triples name, width, rate per
-- second), permits held in ch:<name>:inuse scored by lease deadline (a crashed node's permits free up with its
-- leases), rate as a token bucket in ch:<name>:rate (burst max(1, rate)).
--@include lib/keys

local function channelLimits(a)
  local limits = {}
  for i = 1, tonumber(ARGV[a] or '0') do
    local j = a + 3 * i - 2
    limits[ARGV[j]] = {width = tonumber(ARGV[j + 1]), rate = tonumber(ARGV[j + 2])}
  end
  return limits
end

-- tokens of a channel's rate bucket, refilled to now; nil when it has no rate limit
local function channelTokens(p, name, rate, now)
  if rate <= 0 then return nil end
  local b = redis.call('HMGET', channelKey(p, name, 'rate'), 'tokens', 'ts')
  local burst = math.max(1, rate)
  local t = tonumber(b[1]) or burst
  local ts = tonumber(b[2]) or now
  return math.min(burst, t + (now - ts) * rate / 1000)
end

-- how many more runs the channel may start now (permits free, and rate tokens when it has a rate)
local function channelRoom(p, name, l, now)
  local inuse = channelKey(p, name, 'inuse')
  redis.call('ZREMRANGEBYSCORE', inuse, '-inf', '(' .. now)
  local room = l.width - redis.call('ZCARD', inuse)
  local t = channelTokens(p, name, l.rate, now)
  if t then room = math.min(room, math.floor(t)) end
  return room
end

-- takes a permit (and a rate token) of the channel for job id until lease, or answers false when it is full
local function takePermit(p, limits, name, id, lease, now)
  local l = limits[name]
  if not l then return true end
  local inuse = channelKey(p, name, 'inuse')
  if redis.call('ZCARD', inuse) >= l.width then return false end
  local t = channelTokens(p, name, l.rate, now)
  if t then
    if t < 1 then return false end
    redis.call('HSET', channelKey(p, name, 'rate'), 'tokens', t - 1, 'ts', now)
  end
  redis.call('ZADD', inuse, lease, id)
  return true
end
