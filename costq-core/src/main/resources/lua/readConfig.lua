--[[
  readConfig: the live config overrides and their version, read together so they always match.
    (no transition)
  KEYS[1] overrides (HASH, config key -> value)   KEYS[2] version (STRING counter, absent = 0)
  ARGV (none)
  Returns {version, key1, value1, key2, value2, ...}.
]]
local out = {tonumber(redis.call('GET', KEYS[2]) or '0')}
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat do out[#out + 1] = flat[i] end
return out
