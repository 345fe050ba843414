--[[
  submitJobs: store n new jobs and queue each in its cost class, in one step.     (none) -> QUEUED
  KEYS[1] recent estimates    <tag>:recent       LIST, newest first (feeds cold start + adaptive bounds)
  then per job j (j = 1..n), from KEYS[4j - 2]:
    job hash <tag>:job:<id>,  class queue <tag>:q:<class> (ZSET, score = queued-at ms),
    idempotency key <tag>:idem:<key> (only read when the job has one),  ordering key list <tag>:ok:<key> (idem)
  ARGV[1] recent cap   ARGV[2] idempotency window ms   ARGV[3] wake channel
  then per job j, 19 values from ARGV[19j - 15]:
    id, user, type, payload JSON, cost class, estimate ms, now ms, max attempts, timeout ms,
    '1' when its estimate joins the recent-estimates sample, idempotency key or '', start deadline ms (startBy) or '',
    owner (API key name) or '', '1' when a caller will wait for it (completion then publishes on the done channel),
    encoded ordering key or '', ordering key as given, delivery channel or '', '1' when it waits for an external ack,
    ack timeout ms
  A job with an ordering key joins the tail of its key's list and enters its class queue only when it is the head
  (its predecessors have finished). Jobs are handled in order, so two jobs of one key in one call keep their order
  and a repeated idempotency key finds the first. Queue adds are one ZADD per class queue, the recent-estimates
  sample one LPUSH; idle workers are woken once per queue that was empty before this call.
  Returns 2 values per job: {1, id} created, {0, existingId} idempotency hit, {-1, id} the id exists already.
]]
local out, adds, sample = {}, {}, {}
local n = (#KEYS - 1) / 4
for j = 1, n do
  local job, queue, idem, okey = KEYS[4 * j - 2], KEYS[4 * j - 1], KEYS[4 * j], KEYS[4 * j + 1]
  local a = 19 * j - 15
  local id, class, est, now, idemKey = ARGV[a], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6], ARGV[a + 10]
  local existing = idemKey ~= '' and redis.call('GET', idem)
  if existing then
    out[#out + 1] = 0; out[#out + 1] = existing
  elseif redis.call('EXISTS', job) == 1 then
    out[#out + 1] = -1; out[#out + 1] = id
  else
    local f = {'id', id, 'user', ARGV[a + 1], 'type', ARGV[a + 2], 'payload', ARGV[a + 3], 'status', 'QUEUED',
      'class', class, 'est', est, 'queuedAt', now, 'attempts', 0, 'maxAttempts', ARGV[a + 7],
      'timeoutMs', ARGV[a + 8]}
    local function put(k, v) f[#f + 1] = k; f[#f + 1] = v end
    if ARGV[a + 11] ~= '' then put('startBy', ARGV[a + 11]) end
    if ARGV[a + 12] ~= '' then put('owner', ARGV[a + 12]) end
    if ARGV[a + 13] == '1' then put('w', 1) end
    if ARGV[a + 16] ~= '' then put('channel', ARGV[a + 16]) end
    if ARGV[a + 17] == '1' then put('awaitAck', 1); put('ackTimeoutMs', ARGV[a + 18]) end
    if ARGV[a + 14] ~= '' then put('okey', ARGV[a + 14]); put('orderingKey', ARGV[a + 15]) end
    if idemKey ~= '' then put('idem', idemKey) end
    redis.call('HSET', job, unpack(f))
    if idemKey ~= '' then redis.call('SET', idem, id, 'PX', ARGV[2]) end
    if ARGV[a + 14] == '' or redis.call('RPUSH', okey, id) == 1 then
      local q = adds[queue]
      if not q then q = {class = class}; adds[queue] = q end
      q[#q + 1] = now; q[#q + 1] = id
    end
    if ARGV[a + 9] == '1' then sample[#sample + 1] = est end
    out[#out + 1] = 1; out[#out + 1] = id
  end
end
for queue, q in pairs(adds) do
  local added = redis.call('ZADD', queue, unpack(q))
  -- wake idle workers only when the queue turns non-empty; busy workers look again when a task ends
  if added > 0 and redis.call('ZCARD', queue) == added then redis.call('PUBLISH', ARGV[3], q.class) end
end
if #sample > 0 and ARGV[1] ~= '0' then
  redis.call('LPUSH', KEYS[1], unpack(sample))
  redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
end
return out
