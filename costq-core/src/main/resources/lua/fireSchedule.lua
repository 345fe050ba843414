--[[
  fireSchedule: one tick of a recurring schedule, exactly once whoever calls: it creates the tick's job (or records
  why none) and moves the schedule's next fire on, in one step. A call that read an old next fire changes nothing.
    (none) -> QUEUED     the tick's job, in its class queue (or behind its ordering key)
  KEYS[1] the schedule (<tag>:sched:<name>, HASH)   KEYS[2] schedule names (<tag>:sched:names, ZSET by next fire)
  KEYS[3] the schedule's jobs (<tag>:sched:<name>:jobs, ZSET by tick)
  ARGV[1] name   ARGV[2] the next fire the caller read (ms)   ARGV[3] the tick to fire (ms), '' to fire none
  ARGV[4] the next fire after this call (ms)   ARGV[5] now ms   ARGV[6] ticks passed over without a job (missed)
  ARGV[7] jobs kept in KEYS[3]   ARGV[8] max attempts and ARGV[9] timeout ms of a job whose options name none
  then the job as submitJobs takes it, ARGV[10..17]: id, user, type, payload JSON, cost class, estimate ms, flags,
    options ('' or JSON: startBy, owner, okey + okeyEnc, channel, ackTimeoutMs, maxAttempts, timeoutMs, lane, laneMs)
  Returns DONE (the job was created); SKIPPED (no job: overlap is skip and the last job has not ended, or ARGV[3]
  was ''); DUPLICATE (the schedule's next fire is not ARGV[2], or the tick is not after the last one: another
  caller fired it); WRONG_STATE (paused); NO_SUCH_SCHEDULE.
  The job joins the partition's time index (GET /v1/jobs) as well as KEYS[3] (?schedule=).
  The schedule keeps nextFire, lastTick (the newest tick fired or passed over), lastFire + lastJob (the newest
  tick that made a job), lastOutcome (fired, skipped-overlap, missed), and counts fired, skipped, missed.
]]
--@include lib/keys
--@include lib/codes
local s = redis.call('HMGET', KEYS[1], 'nextFire', 'paused', 'lastTick', 'overlap', 'lastJob')
if not s[1] then return NO_SUCH_SCHEDULE end
if s[2] == '1' then return WRONG_STATE end
if s[1] ~= ARGV[2] then return DUPLICATE end
local tick = ARGV[3]
if tick ~= '' and s[3] and tonumber(tick) <= tonumber(s[3]) then return DUPLICATE end
local p = partitionOf(KEYS[1])
local id, class, now = ARGV[10], ARGV[14], tonumber(ARGV[5])
local job = id and jobKey(p, id)
if job and redis.call('EXISTS', job) == 1 then return DUPLICATE end
redis.call('HSET', KEYS[1], 'nextFire', ARGV[4], 'lastTick', tick ~= '' and tick or ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if tonumber(ARGV[6]) > 0 then
  redis.call('HINCRBY', KEYS[1], 'missed', tonumber(ARGV[6]))
  redis.call('HSET', KEYS[1], 'lastOutcome', 'missed')
end
if tick == '' then return SKIPPED end
if s[4] == 'skip' and s[5] then
  local st = redis.call('HGET', jobKey(p, s[5]), 'status')
  if st == 'SCHEDULED' or st == 'QUEUED' or st == 'RUNNING' or st == 'AWAITING_ACK' then
    redis.call('HINCRBY', KEYS[1], 'skipped', 1)
    redis.call('HSET', KEYS[1], 'lastOutcome', 'skipped-overlap')
    return SKIPPED
  end
end
local o = ARGV[17] ~= '' and cjson.decode(ARGV[17]) or {}
local f = {'user', ARGV[11], 'type', ARGV[12], 'payload', ARGV[13], 'status', 'QUEUED', 'class', class,
  'est', ARGV[15], 'queuedAt', now, 'attempts', 0, 'maxAttempts', o.maxAttempts or ARGV[8],
  'timeoutMs', o.timeoutMs or ARGV[9], 'schedule', ARGV[1], 'tick', tick}
local function put(k, v) if v then f[#f + 1] = k; f[#f + 1] = v end end
if string.find(ARGV[16], 'k', 1, true) then put('awaitAck', 1); put('ackTimeoutMs', o.ackTimeoutMs) end
put('startBy', o.startBy); put('owner', o.owner); put('channel', o.channel); put('lane', o.lane); put('laneMs', o.laneMs)
put('costKey', o.costKey)
if o.okey then put('okey', o.okeyEnc); put('orderingKey', o.okey) end
redis.call('HSET', job, unpack(f))
if not o.okey or redis.call('RPUSH', orderingList(p, o.okeyEnc), id) == 1 then
  local queue = classQueue(p, class, ARGV[12])
  redis.call('ZADD', queue, queueScore(now, o.laneMs), id)
  redis.call('SADD', typeSet(p), ARGV[12])
  if redis.call('ZCARD', queue) == 1 then redis.call('PUBLISH', noticeChannel(p, 'wake'), class .. ':' .. ARGV[12]) end
end
redis.call('ZADD', KEYS[3], tick, id)
redis.call('ZADD', timeIndex(p), now, id) -- searchable like a submitted job (an entry of one id: JobSearch)
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[7]) - 1)
redis.call('HINCRBY', KEYS[1], 'fired', 1)
redis.call('HSET', KEYS[1], 'lastFire', tick, 'lastJob', id, 'lastOutcome', 'fired')
return DONE
