--[[
  releaseParked: jobs parked because their delivery channel was full go back to their class queue, at their
  queued-at + laneMs (the lane's offset, as a submit scores them), as far as the channel has room now (free permits,
  and rate tokens when it has a rate; none while it is paused), by the settings stored in <tag>:ch:settings. A
  channel with no stored settings has no limit (as in claimJobs): its parked jobs go back, up to 100 per call.
    QUEUED -> QUEUED     parked -> class queue
  KEYS[1] channels with parked jobs (<tag>:ch:names, SET); names the partition
  ARGV[1] now ms   ARGV[2] number of cost classes K (a class above K-1 goes to the last class)
  Returns the number of jobs released.
]]
--@include lib/keys
--@include lib/channels
local p = partitionOf(KEYS[1])
local now = tonumber(ARGV[1])
local last = tonumber(ARGV[2]) - 1
local released = 0
local limits = {}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local l = channelLimit(p, limits, name)
  local room = 100
  if l then room = channelRoom(p, name, l, now) end
  if room > 0 then
    local parked = redis.call('ZPOPMIN', channelKey(p, name, 'wait'), room)
    for i = 1, #parked, 2 do
      local f = redis.call('HMGET', jobKey(p, parked[i]), 'status', 'class', 'queuedAt', 'type', 'laneMs')
      if f[1] == 'QUEUED' then
        redis.call('ZADD', classQueue(p, math.min(tonumber(f[2]), last), f[4]), queueScore(f[3], f[5]), parked[i])
        released = released + 1
      end
    end
  end
end
return released
