--[[
  submitJob: store a new job and queue it in its cost class, in one step.     (none) -> QUEUED
  KEYS[1] job hash            <tag>:job:<id>
  KEYS[2] class queue         <tag>:q:<class>    ZSET, score = queued-at ms
  KEYS[3] recent estimates    <tag>:recent       LIST, newest first (feeds cold start + adaptive bounds)
  KEYS[4] idempotency key     <tag>:idem:<key>   only read when ARGV[11] ~= ''
  KEYS[5] ordering key list   <tag>:ok:<key>     only used when ARGV[17] ~= ''
  ARGV[1] id            ARGV[2] user          ARGV[3] type         ARGV[4] payload JSON
  ARGV[5] cost class    ARGV[6] estimate ms   ARGV[7] now ms       ARGV[8] max attempts
  ARGV[9] timeout ms    ARGV[10] recent cap   ARGV[11] idempotency key or ''
  ARGV[12] idempotency window ms              ARGV[13] wake channel
  ARGV[14] start deadline ms (startBy) or ''  ARGV[15] owner (API key name) or ''
  ARGV[16] '1' when a caller will wait for the job (completion then publishes on the done channel)
  ARGV[17] encoded ordering key or ''        ARGV[18] ordering key as given
  ARGV[19] delivery channel or ''           ARGV[20] '1' when the job waits for an external ack
  ARGV[21] ack timeout ms
  A recent cap of 0 skips the recent-estimates sample for this job. A job with an ordering key joins the tail of
  its key's list and enters its class queue only when it is the head (its predecessors have finished).
  Returns {1, id} created, {0, existingId} idempotency hit, {-1, id} the id exists already.
]]
if ARGV[11] ~= '' then
  local existing = redis.call('GET', KEYS[4])
  if existing then return {0, existing} end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {-1, ARGV[1]} end

redis.call('HSET', KEYS[1],
  'id', ARGV[1], 'user', ARGV[2], 'type', ARGV[3], 'payload', ARGV[4], 'status', 'QUEUED',
  'class', ARGV[5], 'est', ARGV[6], 'queuedAt', ARGV[7], 'attempts', 0, 'maxAttempts', ARGV[8],
  'timeoutMs', ARGV[9])
if ARGV[14] ~= '' then redis.call('HSET', KEYS[1], 'startBy', ARGV[14]) end
if ARGV[15] ~= '' then redis.call('HSET', KEYS[1], 'owner', ARGV[15]) end
if ARGV[16] == '1' then redis.call('HSET', KEYS[1], 'w', 1) end
if ARGV[19] ~= '' then redis.call('HSET', KEYS[1], 'channel', ARGV[19]) end
if ARGV[20] == '1' then redis.call('HSET', KEYS[1], 'awaitAck', 1, 'ackTimeoutMs', ARGV[21]) end
local ready = true
if ARGV[17] ~= '' then
  redis.call('HSET', KEYS[1], 'okey', ARGV[17], 'orderingKey', ARGV[18])
  ready = redis.call('RPUSH', KEYS[5], ARGV[1]) == 1
end
if ARGV[11] ~= '' then
  redis.call('HSET', KEYS[1], 'idem', ARGV[11])
  redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[12])
end
if ready then redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1]) end
if ARGV[10] ~= '0' then
  redis.call('LPUSH', KEYS[3], ARGV[6])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[10]) - 1)
end
-- wake idle workers only when the queue turns non-empty; busy workers look again when a task ends
if ready and redis.call('ZCARD', KEYS[2]) == 1 then redis.call('PUBLISH', ARGV[13], ARGV[5]) end
return {1, ARGV[1]}
