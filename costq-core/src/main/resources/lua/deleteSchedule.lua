--[[
  deleteSchedule: removes a recurring schedule and its job index; the jobs it fired stay (their 'schedule' field
  names it) until their retention ends.
  KEYS[1] the schedule (HASH)   KEYS[2] schedule names (ZSET)   KEYS[3] the schedule's jobs (ZSET)
  ARGV[1] name
  Returns DONE; NO_SUCH_SCHEDULE.
]]
--@include lib/codes
if redis.call('EXISTS', KEYS[1]) == 0 then return NO_SUCH_SCHEDULE end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return DONE
