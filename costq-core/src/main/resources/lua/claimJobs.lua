--[[
  claimJobs: promote due retries, then move up to n jobs from one class queue to RUNNING under this node's
  lease with a fresh fencing token, and report every class queue's state.      QUEUED -> RUNNING
  KEYS[1] running     <tag>:running  ZSET, score = lease deadline ms
  KEYS[2] fence       <tag>:fence    counter of fencing tokens
  KEYS[3] delayed     <tag>:delayed  ZSET, score = due ms (retries in backoff)
  KEYS[4..3+K]        the K class queues, class 0 first
  ARGV[1] job key prefix (<tag>:job:)   ARGV[2] class to take from, -1 = none (state only)
  ARGV[3] max jobs n   ARGV[4] node id   ARGV[5] now ms   ARGV[6] lease ms
  ARGV[7] retention ms   ARGV[8] done channel   ARGV[9] '1' to report the queues' state (always on a state read)
  ARGV[10] number of delivery channels c, then c triples from ARGV[11]: name, width (max concurrency), rate per s
  A popped job whose start deadline (startBy) has passed becomes EXPIRED instead.   QUEUED -> EXPIRED
  A popped job whose channel is at its width (or out of rate tokens) is parked in <tag>:ch:<name>:wait and
  re-enters its class queue (at its queued-at) when the channel has room: permits are held in
  <tag>:ch:<name>:inuse, scored by lease deadline, so a crashed node's permits free up with its leases.
  Due retries are promoted only on calls that report the queues (a worker asks every few ms and whenever idle),
  so a claim in a busy loop costs only what it claims.
  Returns {claimed, queues}:
    claimed = list of {id, token, user, type, payload, estimate, attempts, timeoutMs, queuedAt}
    queues  = per class {depth, headQueuedAt, headEstimate} (0, 0, 0 when empty); {} when not asked for
]]
--@include lib/ordering
local prefix = ARGV[1]
local now = tonumber(ARGV[5])
local classes = #KEYS - 3
local p = partitionOf(KEYS[1])

local limits = {}
local report = ARGV[9] == '1' or tonumber(ARGV[2]) < 0
for i = 1, tonumber(ARGV[10] or '0') do
  local a = 8 + 3 * i
  limits[ARGV[a]] = {width = tonumber(ARGV[a + 1]), rate = tonumber(ARGV[a + 2])}
end

-- tokens of a channel's rate bucket (burst = max(1, rate)), refilled to now; nil when it has no rate limit
local function tokens(name, rate)
  if rate <= 0 then return nil end
  local b = redis.call('HMGET', p .. 'ch:' .. name .. ':rate', 'tokens', 'ts')
  local burst = math.max(1, rate)
  local t = tonumber(b[1]) or burst
  local ts = tonumber(b[2]) or now
  return math.min(burst, t + (now - ts) * rate / 1000)
end

-- channels with room take parked jobs back into their class queues
for name, l in pairs(limits) do
  local inuse = p .. 'ch:' .. name .. ':inuse'
  redis.call('ZREMRANGEBYSCORE', inuse, '-inf', '(' .. now)
  local room = l.width - redis.call('ZCARD', inuse)
  local t = tokens(name, l.rate)
  if t then room = math.min(room, math.floor(t)) end
  if room > 0 then
    local parked = redis.call('ZPOPMIN', p .. 'ch:' .. name .. ':wait', room)
    for i = 1, #parked, 2 do
      local f = redis.call('HMGET', prefix .. parked[i], 'status', 'class', 'queuedAt')
      if f[1] == 'QUEUED' then redis.call('ZADD', KEYS[4 + math.min(tonumber(f[2]), classes - 1)], f[3], parked[i]) end
    end
  end
end

if tonumber(ARGV[2]) < 0 then
  -- housekeeping on state reads only (not on every claim): queues of classes above a lowered class count
  -- drain into the last class, and jobs parked on a channel that is no longer configured go back to the queues
  for k = classes, 15 do
    local old = p .. 'q:' .. k
    if redis.call('EXISTS', old) == 1 then
      local members = redis.call('ZRANGE', old, 0, -1, 'WITHSCORES')
      for i = 1, #members, 2 do redis.call('ZADD', KEYS[3 + classes], members[i + 1], members[i]) end
      redis.call('DEL', old)
    end
  end
  for _, name in ipairs(redis.call('SMEMBERS', p .. 'ch:names')) do
    if not limits[name] then
      local parked = redis.call('ZRANGE', p .. 'ch:' .. name .. ':wait', 0, -1, 'WITHSCORES')
      for i = 1, #parked, 2 do
        local f = redis.call('HMGET', prefix .. parked[i], 'status', 'class')
        if f[1] == 'QUEUED' then redis.call('ZADD', KEYS[4 + math.min(tonumber(f[2]), classes - 1)], parked[i + 1], parked[i]) end
      end
      redis.call('DEL', p .. 'ch:' .. name .. ':wait')
      redis.call('SREM', p .. 'ch:names', name)
    end
  end
end

-- takes a permit (and a rate token) of the job's channel, or answers false when the channel is full
local function permit(name, id, lease)
  local l = limits[name]
  if not l then return true end
  local inuse = p .. 'ch:' .. name .. ':inuse'
  if redis.call('ZCARD', inuse) >= l.width then return false end
  local t = tokens(name, l.rate)
  if t then
    if t < 1 then return false end
    redis.call('HSET', p .. 'ch:' .. name .. ':rate', 'tokens', t - 1, 'ts', now)
  end
  redis.call('ZADD', inuse, lease, id)
  return true
end

local due = report and redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 100) or {}
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[3], id)
  local job = prefix .. id
  local fields = redis.call('HMGET', job, 'status', 'class', 'queuedAt')
  if fields[1] == 'QUEUED' then
    local class = math.min(tonumber(fields[2]), classes - 1)
    redis.call('ZADD', KEYS[4 + class], fields[3], id)
    redis.call('HDEL', job, 'runAt')
  end
end

local claimed = {}
local take = tonumber(ARGV[2])
if take >= 0 and take < classes then
  local lease = now + tonumber(ARGV[6])
  local popped = redis.call('ZPOPMIN', KEYS[4 + take], tonumber(ARGV[3]))
  local leased = {}
  -- one INCRBY reserves a fencing token for every popped job (unused ones are simply skipped numbers)
  local token = #popped > 0 and redis.call('INCRBY', KEYS[2], #popped / 2) - #popped / 2 or 0
  for i = 1, #popped, 2 do
    local id = popped[i]
    local job = prefix .. id
    token = token + 1
    local f = redis.call('HMGET', job, 'status', 'user', 'type', 'payload', 'est', 'timeoutMs', 'queuedAt', 'plain',
      'attempts')
    -- a plain job (see submitJobs) has no start deadline and no channel: no need to look for them
    local startBy, channel = false, false
    if not f[8] then startBy, channel = unpack(redis.call('HMGET', job, 'startBy', 'channel')) end
    if f[1] == 'QUEUED' and startBy and tonumber(startBy) < now then
      redis.call('HSET', job, 'status', 'EXPIRED', 'finishedAt', now, 'error', 'not started before its deadline')
      releaseOrderingKey(job, id)
      redis.call('PEXPIRE', job, ARGV[7])
      redis.call('PUBLISH', ARGV[8], id)
    elseif f[1] == 'QUEUED' and channel and not permit(channel, id, lease) then
      redis.call('ZADD', p .. 'ch:' .. channel .. ':wait', f[7], id)
      redis.call('SADD', p .. 'ch:names', channel)
    elseif f[1] == 'QUEUED' then
      local attempts = (tonumber(f[9]) or 0) + 1 -- absent until the first claim
      -- the lease deadline lives in the running set's score only
      redis.call('HSET', job, 'status', 'RUNNING', 'node', ARGV[4], 'startedAt', now, 'token', token, 'attempts', attempts)
      leased[#leased + 1] = lease
      leased[#leased + 1] = id
      claimed[#claimed + 1] = {id, token, f[2], f[3], f[4], f[5], attempts, f[6], f[7]}
    end
  end
  if #leased > 0 then redis.call('ZADD', KEYS[1], unpack(leased)) end
end

local queues = {}
for k = 1, report and classes or 0 do
  local depth = redis.call('ZCARD', KEYS[3 + k])
  if depth > 0 then
    local head = redis.call('ZRANGE', KEYS[3 + k], 0, 0, 'WITHSCORES')
    local est = redis.call('HGET', prefix .. head[1], 'est') or '0'
    queues[k] = {depth, head[2], est}
  else
    queues[k] = {0, 0, 0}
  end
end
return {claimed, queues}
