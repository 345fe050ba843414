--[[
  putRouteSettings: store one config version's route settings of a pool in the pool's slot, where admitSession and
  registerServer read them (lib/route storedSettings), so every API instance enforces the same allowed load and
  default capacity whatever its own config. The same version rule as putChannels: only a newer version replaces
  what is stored; a node applying an older version (or its start-up config, version 0, once a live config version
  is stored) changes nothing; start-up configs (version 0) replace each other (the node started last sets them).
    (no transition)
  KEYS[1] the pool's route settings (<pool tag>:settings, HASH: '#version', 'allowed', 'capacity')
  ARGV[1] config version   ARGV[2] allowed load fraction   ARGV[3] default capacity   (both '': the version
  configures no allowed load for the pool, so what was stored goes and the callers' own settings apply again)
  Returns 1 when stored; 0 when the stored settings are of a newer version, or of this one (above 0).
]]
--@include lib/versions
local version = tonumber(ARGV[1])
if not replaces(KEYS[1], version) then return 0 end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'allowed', 'capacity')
  redis.call('HSET', KEYS[1], '#version', version)
else
  redis.call('HSET', KEYS[1], '#version', version, 'allowed', ARGV[2], 'capacity', ARGV[3])
end
return 1
