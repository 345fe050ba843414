--[[
  claimJobs: move up to n jobs from the head of one class queue to RUNNING under this node's lease, each with a
  fresh fencing token.
    QUEUED -> RUNNING
    QUEUED -> EXPIRED    a popped job whose start deadline (startBy) has passed
  A popped job whose delivery channel is at its width (or out of rate tokens) is parked instead: it stays QUEUED
  in <tag>:ch:<name>:wait (scored by queued-at) until releaseParked finds room for it.
  KEYS[1] running  (ZSET, score = lease deadline ms)   KEYS[2] fence (counter of fencing tokens)
  KEYS[3] the class queue to take from
  ARGV[1] max jobs n   ARGV[2] node id   ARGV[3] now ms   ARGV[4] lease ms   ARGV[5] retention ms (of an expired job)
  ARGV[6] number of delivery channels c, then c triples from ARGV[7]: name, width, rate per second
  Returns the claimed jobs, each {id, token, user, type, payload, estimate, attempt, timeoutMs, queuedAt[, costKey]}.
]]
--@include lib/keys
--@include lib/ordering
--@include lib/channels
local p = partitionOf(KEYS[1])
local now = tonumber(ARGV[3])
local lease = now + tonumber(ARGV[4])
local limits = channelLimits(6)
local claimed, leased = {}, {}
local popped = redis.call('ZPOPMIN', KEYS[3], tonumber(ARGV[1]))
-- one INCRBY reserves a fencing token for every popped job (unused ones are simply skipped numbers)
local token = #popped > 0 and redis.call('INCRBY', KEYS[2], #popped / 2) - #popped / 2 or 0
for i = 1, #popped, 2 do
  local id = popped[i]
  local job = jobKey(p, id)
  token = token + 1
  local f = redis.call('HMGET', job, 'status', 'user', 'type', 'payload', 'est', 'timeoutMs', 'queuedAt', 'attempts',
    'startBy', 'channel', 'costKey')
  if f[1] ~= 'QUEUED' then
    -- not queued (a stale entry): nothing to take
  elseif f[9] and tonumber(f[9]) < now then
    redis.call('HSET', job, 'status', 'EXPIRED', 'finishedAt', now, 'error', 'not started before its deadline')
    releaseOrderingKey(job, id)
    redis.call('PEXPIRE', job, ARGV[5])
    redis.call('PUBLISH', noticeChannel(p, 'done'), id)
  elseif f[10] and not takePermit(p, limits, f[10], id, lease, now) then
    redis.call('ZADD', channelKey(p, f[10], 'wait'), f[7], id)
    redis.call('SADD', parkedChannels(p), f[10])
  else
    local attempt = (tonumber(f[8]) or 0) + 1
    -- the lease deadline lives in the running set's score only
    redis.call('HSET', job, 'status', 'RUNNING', 'node', ARGV[2], 'startedAt', now, 'token', token, 'attempts', attempt)
    leased[#leased + 1] = lease
    leased[#leased + 1] = id
    local c = {id, token, f[2], f[3], f[4], f[5], attempt, f[6], f[7]}
    if f[11] then c[10] = f[11] end
    claimed[#claimed + 1] = c
  end
end
if #leased > 0 then redis.call('ZADD', KEYS[1], unpack(leased)) end
return claimed
