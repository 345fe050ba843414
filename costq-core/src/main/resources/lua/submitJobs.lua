--[[
  submitJobs: store n new jobs and queue each in its cost class's queue of its type, in one step.
    (none) -> QUEUED
    (none) -> SCHEDULED   a delayed job (option runAt): in <tag>:scheduled until promoteScheduled queues it
  KEYS[1] recent estimates (<tag>:recent, LIST newest first: cold start and adaptive bounds); names the partition
  ARGV[1] recent cap   ARGV[2] idempotency window ms   ARGV[3] now ms (the jobs' queued-at)
  ARGV[4] max attempts and ARGV[5] timeout ms of a job whose options name none
  then per job j (j = 1..n), 8 values from ARGV[8j - 2]:
    id, user, type, payload JSON, cost class, estimate ms,
    flags: any of 's' (its estimate joins the recent-estimates sample), 'a' (awaited: a caller awaits its end, so
      the end is published on the done channel), 'k' (it ends only on an external ack),
    options: '' or a JSON object of strings, any of idem + idemEnc (idempotency key, raw and encoded), startBy (ms),
      owner (API key name), okey + okeyEnc (ordering key), channel (delivery channel), ackTimeoutMs, maxAttempts,
      timeoutMs, runAt (ms: SCHEDULED until then), lane (as named), laneMs (the lane's queue-score offset),
      costKey (the run history it joins, when not its user's runs of its type), tenant (absent: the default tenant;
      idemEnc and okeyEnc then carry it), cap (the tenant's most QUEUED or SCHEDULED jobs, lib/tenants overCap)
  Returns one value per job: DONE (created), ID_TAKEN (the id exists already), OVER_CAP (its tenant is at its cap:
  not stored), or the existing job's id (an idempotency hit).
  A job with an ordering key joins the tail of its key's list and enters its class queue only when it is the head
  (its predecessors have finished); a delayed one joins it when it is promoted. A job's queue score is
  queued-at + laneMs. Jobs are handled in order, so two jobs of one key in one call keep their order
  and a repeated idempotency key finds the first. Queue adds are one ZADD per (class, type) queue, the type set
  (<tag>:types) one SADD, the recent-estimates sample one LPUSH, the time index (search) one entry listing the call's new jobs; idle workers are
  woken once per queue that was empty before this call, with 'class:type' (a worker that does not handle the type
  ignores it).
]]
--@include lib/keys
--@include lib/codes
--@include lib/tenants
local p = partitionOf(KEYS[1])
local out, adds, sample, types, idx = {}, {}, {}, {}, {}
local typed = {} -- types[] as a set: a job's type joins it whether it is queued now or waits behind its ordering key
-- tenants found at their cap in this call: nothing this call does frees a place, so their later jobs are refused
-- without walking the pending set again (a batch of n refused jobs: one walk, not n)
local full = {}
local function atCap(o)
  local t = o.tenant or 'default' -- the default tenant (stored without a tenant field) may have a cap too
  if not full[t] and overCap(p, t, o.cap) then full[t] = true end
  return full[t]
end
local function put(f, k, v) f[#f + 1] = k; f[#f + 1] = v end
local now = ARGV[3]
local n = (#ARGV - 5) / 8
for j = 1, n do
  local a = 8 * j - 2
  local id, type, class, est, flags = ARGV[a], ARGV[a + 2], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]
  local job = jobKey(p, id)
  local o = ARGV[a + 7] ~= '' and cjson.decode(ARGV[a + 7]) or nil
  local idem = o and o.idem and p .. 'idem:' .. o.idemEnc
  local existing = idem and redis.call('GET', idem)
  if existing then
    out[j] = existing
  elseif redis.call('HSETNX', job, 'status', o and o.runAt and 'SCHEDULED' or 'QUEUED') == 0 then
    out[j] = ID_TAKEN -- every job has a status; else the new job's first field is written (one call, no EXISTS)
  elseif o and o.cap and atCap(o) then
    redis.call('DEL', job)
    out[j] = OVER_CAP
  else
    -- no 'id' field: the key holds it; status (above) and opt (lib/keys rareFields) first, the fields read most;
    -- no 'attempts' until the first claim (absent reads as 0)
    local runAt = o and o.runAt
    local f = {'opt', '', 'user', ARGV[a + 1], 'type', ARGV[a + 2], 'payload', ARGV[a + 3], 'class', class, 'est', est,
      'queuedAt', now, 'maxAttempts', o and o.maxAttempts or ARGV[4], 'timeoutMs', o and o.timeoutMs or ARGV[5]}
    if flags ~= '' and string.find(flags, 'a', 1, true) then put(f, 'awaited', '1'); f[2] = 'a' end
    if o then
      local opt = f[2]
      if string.find(flags, 'k', 1, true) then put(f, 'awaitAck', '1'); put(f, 'ackTimeoutMs', o.ackTimeoutMs); opt = opt .. 'k' end
      if o.startBy then put(f, 'startBy', o.startBy); opt = opt .. 'b' end
      if o.owner then put(f, 'owner', o.owner) end
      if o.channel then put(f, 'channel', o.channel); opt = opt .. 'c' end
      if o.costKey then put(f, 'costKey', o.costKey); opt = opt .. 'x' end
      if o.okey then put(f, 'okey', o.okeyEnc); put(f, 'orderingKey', o.okey); opt = opt .. 'o' end
      if idem then put(f, 'idem', o.idem) end
      if runAt then put(f, 'runAt', runAt) end
      if o.lane then put(f, 'lane', o.lane) end
      if o.laneMs then put(f, 'laneMs', o.laneMs) end
      if o.tenant then put(f, 'tenant', o.tenant); opt = opt .. 't' end
      if o.cap then redis.call('ZADD', tenantPending(p, o.tenant or 'default'), now, id) end
      f[2] = opt
    end
    redis.call('HSET', job, unpack(f))
    if idem then redis.call('SET', idem, id, 'PX', ARGV[2]) end
    if not runAt and not typed[type] then typed[type] = true; types[#types + 1] = type end
    if runAt then
      redis.call('ZADD', scheduledJobs(p), runAt, id)
    elseif not (o and o.okey) or redis.call('RPUSH', orderingList(p, o.okeyEnc), id) == 1 then
      local byType = adds[class]
      if not byType then byType = {}; adds[class] = byType end
      local q = byType[type]
      if not q then q = {}; byType[type] = q end
      q[#q + 1] = queueScore(now, o and o.laneMs); q[#q + 1] = id
    end
    if flags ~= '' and string.find(flags, 's', 1, true) then sample[#sample + 1] = est end
    idx[#idx + 1] = id
    out[j] = DONE
  end
end
for class, byType in pairs(adds) do
  for type, q in pairs(byType) do
    local queue = classQueue(p, class, type)
    local added = redis.call('ZADD', queue, unpack(q))
    -- wake idle workers only when the queue turns non-empty; busy workers look again when a task ends
    if added > 0 and redis.call('ZCARD', queue) == added then
      redis.call('PUBLISH', noticeChannel(p, 'wake'), class .. ':' .. type)
    end
  end
end
if #idx > 0 then redis.call('ZADD', timeIndex(p), now, table.concat(idx, ' ')) end
if #types > 0 then redis.call('SADD', typeSet(p), unpack(types)) end
if #sample > 0 and ARGV[1] ~= '0' then
  redis.call('LPUSH', KEYS[1], unpack(sample))
  redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
end
return out
