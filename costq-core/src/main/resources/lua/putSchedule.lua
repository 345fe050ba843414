--[[
  putSchedule: creates or replaces a recurring schedule. A replaced schedule keeps its history (last fire, last
  job, counts) and its next fire when its timing (cron and time zone) is unchanged; else its next fire is
  ARGV[4]. A paused schedule stays paused.
  KEYS[1] the schedule (<tag>:sched:<name>, HASH)   KEYS[2] schedule names (<tag>:sched:names, ZSET by next fire)
  ARGV[1] name   ARGV[2] spec JSON   ARGV[3] timing (cron and time zone as one text)   ARGV[4] next fire (ms)
  ARGV[5] overlap (skip or allow)   ARGV[6] now ms   ARGV[7] score of a paused schedule (far in the future)
  Returns DONE (created) or REPLACED.
]]
--@include lib/codes
local s = redis.call('HMGET', KEYS[1], 'timing', 'nextFire', 'paused')
local next = ARGV[4]
if s[1] == ARGV[3] and s[2] then next = s[2] end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'spec', ARGV[2], 'timing', ARGV[3], 'nextFire', next,
  'overlap', ARGV[5], 'updatedAt', ARGV[6])
if not s[3] then redis.call('HSET', KEYS[1], 'paused', '0', 'createdAt', ARGV[6]) end
redis.call('ZADD', KEYS[2], s[3] == '1' and ARGV[7] or next, ARGV[1])
if s[2] then return REPLACED end
return DONE
