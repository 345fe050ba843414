--[[
  setConfig: compare-and-set the live config overrides, record the change in the audit history, tell every node.
    (no transition)
  KEYS[1] overrides (HASH, config key -> value)   KEYS[2] version (STRING counter, absent = 0)
  KEYS[3] history (LIST of JSON entries, newest first)
  ARGV[1] expected version (-1 = whatever it is)   ARGV[2] who (API key name)   ARGV[3] now ms
  ARGV[4] history cap   ARGV[5] channel to publish the new version on
  ARGV[6] the changes, JSON [{"key": k, "old": effective old value, "new": value or null = back to the default}]
  Returns {version} on success; {-1, current version} when the version moved on (nothing written).
]]
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local expected = tonumber(ARGV[1])
if expected >= 0 and expected ~= current then return {-1, current} end
local changes = cjson.decode(ARGV[6])
for _, c in ipairs(changes) do
  if c.new == cjson.null then
    redis.call('HDEL', KEYS[1], c.key)
  else
    redis.call('HSET', KEYS[1], c.key, c.new)
  end
end
local version = redis.call('INCR', KEYS[2])
redis.call('LPUSH', KEYS[3], cjson.encode({version = version, who = ARGV[2], at = ARGV[3], changes = changes}))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('PUBLISH', ARGV[5], version)
return {version}
