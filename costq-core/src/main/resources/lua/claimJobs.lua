--[[
  claimJobs: move up to n jobs from the heads of one class's queues of the types this node handles to RUNNING under
  this node's lease, each with a fresh fencing token; oldest first across those queues.
    QUEUED -> RUNNING
    QUEUED -> EXPIRED    a popped job whose start deadline (startBy) has passed
  A popped job whose delivery channel is at its width (or out of rate tokens, or paused) is parked instead: it stays
  QUEUED in <tag>:ch:<name>:wait (scored by queued-at) until releaseParked finds room for it. The channel's settings
  are the ones stored in <tag>:ch:settings (lib/channels), not the claiming node's.
  KEYS[1] running  (ZSET, score = lease deadline ms)   KEYS[2] fence (counter of fencing tokens)
  ARGV[1] max jobs n   ARGV[2] node id   ARGV[3] now ms   ARGV[4] lease ms   ARGV[5] retention ms (of an expired job)
  ARGV[6] the cost class k
  ARGV[7] number of types t, then the t types this node handles (t = 0: every type of <tag>:types)
  Returns the claimed jobs as one flat list, 11 values per job (a table per job costs Redis more to convert): id,
  token, user, type, payload, estimate, attempt, timeoutMs, queuedAt, costKey and tenant (false: none).
  Each queue's first n ids read (ZRANGE, no scores); one non-empty queue: those taken (ZREM, cheaper than ZPOPMIN,
  which formats every score); several: their scores read too and the n oldest taken.
  Numbers go to Redis as strings made once (a Lua number argument costs a %.17g conversion per call).
]]
--@include lib/keys
--@include lib/ordering
--@include lib/channels
local p = partitionOf(KEYS[1])
local n = tonumber(ARGV[1])
local now = tonumber(ARGV[3])
local lease = now + tonumber(ARGV[4])
local limits = {} -- channel settings, read when a popped job names a channel (lib/channels)
local types = typesFrom(p, 7)
local popped, from = {}, {}
for _, t in ipairs(types) do
  local q = classQueue(p, ARGV[6], t)
  local ids = redis.call('ZRANGE', q, 0, n - 1)
  if #ids > 0 then from[#from + 1] = {q, ids} end
end
if #from == 1 then
  popped = from[1][2]
  redis.call('ZREM', from[1][1], unpack(popped))
elseif #from > 1 then
  local heads = {}
  for _, qi in ipairs(from) do
    local h = redis.call('ZRANGE', qi[1], 0, n - 1, 'WITHSCORES')
    for i = 1, #h, 2 do heads[#heads + 1] = {tonumber(h[i + 1]), h[i], qi[1]} end
  end
  if #heads > n then table.sort(heads, function(a, b) return a[1] < b[1] end) end
  local byQueue = {}
  for i = 1, math.min(n, #heads) do
    local h = heads[i]
    popped[#popped + 1] = h[2]
    local ids = byQueue[h[3]]
    if not ids then ids = {}; byQueue[h[3]] = ids end
    ids[#ids + 1] = h[2]
  end
  for q, ids in pairs(byQueue) do redis.call('ZREM', q, unpack(ids)) end
end
local claimed, leased = {}, {}
-- one INCRBY reserves a fencing token for every popped job (unused ones are simply skipped numbers)
local token = #popped > 0 and redis.call('INCRBY', KEYS[2], #popped) - #popped or 0
local leaseAt = string.format('%d', lease)
for _, id in ipairs(popped) do
  local job = jobKey(p, id)
  token = token + 1
  local f = redis.call('HMGET', job, 'status', 'opt', 'user', 'type', 'payload', 'est', 'timeoutMs', 'queuedAt', 'attempts')
  local r = f[1] == 'QUEUED' and rareFields(job, f[2], '[bcxt]', 'startBy', 'channel', 'costKey', 'tenant')
  if f[1] ~= 'QUEUED' then
    -- not queued (a stale entry): nothing to take
  elseif r[1] and tonumber(r[1]) < now then
    redis.call('HSET', job, 'status', 'EXPIRED', 'finishedAt', now, 'error', 'not started before its deadline')
    releaseOrderingKey(job, id)
    redis.call('PEXPIRE', job, ARGV[5])
    redis.call('PUBLISH', noticeChannel(p, 'done'), id)
  elseif r[2] and not takePermit(p, limits, r[2], id, lease, now) then
    redis.call('ZADD', channelKey(p, r[2], 'wait'), f[8], id)
    redis.call('SADD', parkedChannels(p), r[2])
  else
    local attempt = f[9] and tonumber(f[9]) + 1 or 1 -- no 'attempts' before the first claim
    -- the lease deadline lives in the running set's score only
    redis.call('HSET', job, 'status', 'RUNNING', 'node', ARGV[2], 'startedAt', ARGV[3], 'token', string.format('%d', token),
      'attempts', attempt == 1 and '1' or string.format('%d', attempt))
    leased[#leased + 1] = leaseAt
    leased[#leased + 1] = id
    local c = #claimed
    claimed[c + 1] = id; claimed[c + 2] = token; claimed[c + 3] = f[3]; claimed[c + 4] = f[4]; claimed[c + 5] = f[5]
    claimed[c + 6] = f[6]; claimed[c + 7] = attempt; claimed[c + 8] = f[7]; claimed[c + 9] = f[8]
    claimed[c + 10] = r[3]; claimed[c + 11] = r[4]
  end
end
if #leased > 0 then redis.call('ZADD', KEYS[1], unpack(leased)) end
return claimed
