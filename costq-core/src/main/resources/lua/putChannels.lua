--[[
  putChannels: store the delivery channels' settings of one config version in the partition, where claims and
  releases read them (lib/channels), so every node enforces the same width, rate and pause. The stored settings
  are replaced as a whole, and only by a newer version: a node applying an older version (or its start-up config,
  version 0, once a live config version is stored) changes nothing. Start-up configs (version 0) replace each
  other: the node started last sets them, so a restart with a new start-up width takes effect.
    (no transition)
  KEYS[1] channel settings (<tag>:ch:settings, HASH: '#version', and name -> 'width rate paused')
  ARGV[1] config version   ARGV[2] number of channels c, then c quadruples from ARGV[3]: name, width, rate per
  second, paused (1 or 0)
  Returns 1 when stored (and wakes the workers: a wider channel's parked jobs may start); 0 when the stored settings
  are of a newer version, or of this one (above 0).
]]
--@include lib/keys
--@include lib/versions
local version = tonumber(ARGV[1])
if not replaces(KEYS[1], version) then return 0 end
redis.call('DEL', KEYS[1])
local fields = {'#version', version}
for i = 1, tonumber(ARGV[2]) do
  local j = 3 + 4 * (i - 1)
  fields[#fields + 1] = ARGV[j]
  fields[#fields + 1] = ARGV[j + 1] .. ' ' .. ARGV[j + 2] .. ' ' .. ARGV[j + 3]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PUBLISH', noticeChannel(partitionOf(KEYS[1]), 'wake'), 'channels')
return 1
