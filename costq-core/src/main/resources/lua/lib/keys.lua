-- The keys a script builds itself, all in the partition of prefix p ('{prefix:n}:', the leading hash tag of a key
-- the script was given), so they share its slot. Keys.java builds the same names (KeysTest compares the two).
local function partitionOf(key)
  return string.match(key, '^(%b{}:)')
end

local function jobKey(p, id)
  return p .. 'job:' .. id
end

-- A class queue of one job type: job ids scored by queued-at. The one place Lua names it. A worker claims only from
-- the queues of the types it handles (type names are [A-Za-z0-9._-], checked at submit: no encoding needed).
local function classQueue(p, class, type)
  return p .. 'q:' .. class .. ':' .. type
end

-- A job's score in its class queue: its queued-at + its lane's offset (laneMs: the job's 'laneMs', nil or '' for
-- none), the one place every (re)queue computes it. Without an offset queuedAt is returned as given (a string stays
-- one: no number conversion when it goes to Redis).
local function queueScore(queuedAt, laneMs)
  local lane = tonumber(laneMs)
  if not lane or lane == 0 then return queuedAt end
  return tonumber(queuedAt) + lane
end

-- A job's rarely set fields are named in its 'opt' field, one letter each: b startBy, c channel, x costKey, t tenant,
-- o okey, a awaited, k awaitAck ('' when it has none). submitJobs writes it, watchJob adds 'a'; a job without it
-- (fireSchedule's, or one stored before it existed) may have any. A hot-path reader HMGETs 'opt' with its other
-- fields and then, through rareFields, only the rare ones it may have: an absent field costs HMGET a scan of the
-- whole hash. letters: the reader's fields' letters as a Lua pattern class, e.g. '[bcxt]'. Returns their values
-- (false: absent), all false without a read when the job has none of them (up to 8 fields; do not write to it).
local NO_RARE_FIELDS = {false, false, false, false, false, false, false, false}
local function rareFields(job, opt, letters, ...)
  if opt == '' or opt and not string.find(opt, letters) then return NO_RARE_FIELDS end
  return redis.call('HMGET', job, ...)
end

-- The job types that have had queued jobs in the partition (SET): where reports and reconciles look.
local function typeSet(p)
  return p .. 'types'
end

-- ARGV[from] = n, then n type names; n = 0 means every type of the partition's type set.
local function typesFrom(p, from)
  local n = tonumber(ARGV[from])
  if n == 0 then return redis.call('SMEMBERS', typeSet(p)) end
  local types = {}
  for i = 1, n do types[i] = ARGV[from + i] end
  return types
end

-- SCHEDULED jobs (submitted with a delay): ids scored by when they are due.
local function scheduledJobs(p)
  return p .. 'scheduled'
end

-- A recurring schedule's hash (enc: its name percent-encoded) and its jobs (ids scored by tick, newest kept).
local function scheduleKey(p, enc)
  return p .. 'sched:' .. enc
end

local function scheduleJobs(p, enc)
  return p .. 'sched:' .. enc .. ':jobs'
end

-- Every job of the partition by queued-at, for search (GET /v1/jobs): one entry per submit call, its new jobs' ids
-- separated by spaces, scored by their queued-at (one skiplist insert per call, not per job); an entry is removed
-- when none of its jobs' hashes is left (JobSearch).
local function timeIndex(p)
  return p .. 'idx'
end

-- The FIFO of an ordering key's job ids (okey: the key percent-encoded, as stored in the job's 'okey' field).
local function orderingList(p, okey)
  return p .. 'ok:' .. okey
end

-- A delivery channel's permits in use ('inuse'), parked jobs ('wait') or rate bucket ('rate').
local function channelKey(p, name, part)
  return p .. 'ch:' .. name .. ':' .. part
end

-- The partition's delivery channel settings (HASH), the ones claims enforce whatever the claiming node's own config:
-- '#version' -> the config version they came from, and per channel name -> 'width rate paused' (putChannels).
local function channelSettings(p)
  return p .. 'ch:settings'
end

-- Channels with parked jobs (reconcileQueues looks here for channels no longer configured).
local function parkedChannels(p)
  return p .. 'ch:names'
end

-- A tenant's jobs stored QUEUED or SCHEDULED under a cap (ZSET id by queued-at; pruned when the cap is reached).
local function tenantPending(p, tenant)
  return p .. 'tq:' .. tenant
end

-- Pub/Sub channels are scheduler-wide, named under partition 0's tag whatever p is.
local function noticeChannel(p, name)
  return (string.gsub(p, ':%d+}:$', ':0}:')) .. name
end
