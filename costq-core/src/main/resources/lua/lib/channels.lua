-- Delivery channels: width, rate per second and pause as held in the partition's <tag>:ch:settings (written by
-- putChannels from the live config, so every node enforces the same), read once per script per channel; a channel
-- not in there has no limit. Permits held in ch:<name>:inuse scored by lease deadline (a crashed node's permits free
-- up with its leases), rate as a token bucket in ch:<name>:rate (burst max(1, rate)).
--@include lib/keys

-- the channel's settings {width, rate, paused}, or false when none are stored; cached in limits (one table per script)
local function channelLimit(p, limits, name)
  local l = limits[name]
  if l == nil then
    local raw = redis.call('HGET', channelSettings(p), name)
    l = false
    if raw then
      local w, r, paused = string.match(raw, '^(%S+) (%S+) (%S+)$')
      l = {width = tonumber(w), rate = tonumber(r), paused = paused == '1'}
    end
    limits[name] = l
  end
  return l
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

-- how many more runs the channel may start now (permits free, and rate tokens when it has a rate; none when paused)
local function channelRoom(p, name, l, now)
  if l.paused then return 0 end
  local inuse = channelKey(p, name, 'inuse')
  redis.call('ZREMRANGEBYSCORE', inuse, '-inf', '(' .. now)
  local room = l.width - redis.call('ZCARD', inuse)
  local t = channelTokens(p, name, l.rate, now)
  if t then room = math.min(room, math.floor(t)) end
  return room
end

-- takes a permit (and a rate token) of the channel for job id until lease, or answers false when it is full or paused
local function takePermit(p, limits, name, id, lease, now)
  local l = channelLimit(p, limits, name)
  if not l then return true end
  if l.paused then return false end
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
