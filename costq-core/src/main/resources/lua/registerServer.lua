--[[
  registerServer: a server joins its pool or renews its registration (its heartbeat): its URI, optionally the
  capacity and extra load it reports (load beyond costq's sessions, e.g. connections made without asking) and a
  utilization (CPU, or any load indicator scaled so that 1.0 is saturated). With a utilization, the pair
  (load, utilization) is kept as a sample for learning the server's capacity. Servers gone for 10 leases are
  dropped from the pool's list (at most 10 per call); what the admin taught and what was learned stay.
                                  server NONE/GONE -> LIVE   LIVE -> LIVE (lease renewed)
                                  session LIVE -> EXPIRED (lease ran out, bounded per call, before counting)
  KEYS[1..10] the pool's keys (lib/route poolKeys)   KEYS[11] this server's samples (LIST "load utilization")
  KEYS[12] the pool's route settings (putRouteSettings): its allowed load and default capacity, when stored
  ARGV[1] server id   ARGV[2] now ms   ARGV[3] registration lease ms   ARGV[4] uri
  ARGV[5] reported capacity ('' = none)   ARGV[6] reported load   ARGV[7] utilization ('' = none)
  ARGV[8] draining 0/1   ARGV[9] samples kept   ARGV[10] samples ttl ms   ARGV[11] sticky grace ms
  ARGV[12] default capacity   ARGV[13] expiry limit   ARGV[14] the pool's allowed load fraction
  (ARGV[12] and ARGV[14] only when KEYS[12] holds none)
  Returns {sessions, load, capacity, capacity source, samples taken so far (0 when this report has none),
           allowed sessions}
]]
--@include lib/route
local K = poolKeys()
local id, now, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local allowed, default = storedSettings(KEYS[12], tonumber(ARGV[14]), tonumber(ARGV[12]))
expireSessions(K, now, tonumber(ARGV[11]), tonumber(ARGV[13]))
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', K.servers, '-inf', now - 10 * lease, 'LIMIT', 0, 10)) do
  redis.call('ZREM', K.servers, gone)
  redis.call('HDEL', K.info, gone)
end

local old = decoded(redis.call('HGET', K.info, id))
local utilization = tonumber(ARGV[7])
local load = tonumber(ARGV[6])
local sessions = tonumber(redis.call('HGET', K.load, id) or '0')
local seq = 0
if utilization then
  seq = (old.samples or 0) + 1
  redis.call('LPUSH', KEYS[11], (sessions + load) .. ' ' .. ARGV[7])
  redis.call('LTRIM', KEYS[11], 0, tonumber(ARGV[9]) - 1)
  redis.call('PEXPIRE', KEYS[11], ARGV[10])
end
redis.call('HSET', K.info, id, cjson.encode({ uri = ARGV[4], capacity = tonumber(ARGV[5]), load = load,
  utilization = utilization, draining = ARGV[8] == '1', since = old.since or ARGV[2], at = ARGV[2],
  samples = utilization and seq or old.samples }))
redis.call('ZADD', K.servers, now + lease, id)
local s = readServer(K, id, now, default)
return {s.sessions, s.load, s.cap, s.source, seq, allowedSessions(s.cap, allowed)}
