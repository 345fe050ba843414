--[[
  teachServer: the admin teaches the decision server about one server of a pool (it need not have joined yet):
  its capacity (a cap on what it reports and what was learned), whether that capacity is pinned (used exactly,
  learning ignored) and whether it drains (gets no new sessions). Each change that alters something is recorded
  in the pool's audit history, as config changes are.
  KEYS[1] admin (HASH id -> JSON)   KEYS[2] audit history (LIST of JSON entries, newest first)
  KEYS[3] audit version (STRING counter)
  ARGV[1] server id   ARGV[2] who (API key name)   ARGV[3] now ms
  ARGV[4] the changes, JSON with any of "capacity" (number, or null to forget it), "pinned", "draining" (booleans)
  ARGV[5] audit history cap
  Returns {version, taught JSON ('' = nothing taught)}; the version is unchanged when nothing changed;
          {-1} when the result would be pinned without a capacity (nothing written)
]]
local id = ARGV[1]
local old = redis.call('HGET', KEYS[1], id)
local taught = old and cjson.decode(old) or {}
local asked = cjson.decode(ARGV[4])
local changes = {}
for _, field in ipairs({ 'capacity', 'pinned', 'draining' }) do
  local v = asked[field]
  if v ~= nil then
    if v == cjson.null or v == false then v = nil end -- absent means: not taught, not pinned, not draining
    if v ~= taught[field] then
      table.insert(changes, { key = id .. '.' .. field,
        old = taught[field] == nil and cjson.null or tostring(taught[field]),
        new = v == nil and cjson.null or tostring(v) })
      taught[field] = v
    end
  end
end
if taught.pinned and not taught.capacity then return {-1} end
local version = tonumber(redis.call('GET', KEYS[3]) or '0')
if #changes == 0 then return {version, old or ''} end
local json = ''
if next(taught) == nil then
  redis.call('HDEL', KEYS[1], id)
else
  json = cjson.encode(taught)
  redis.call('HSET', KEYS[1], id, json)
end
version = redis.call('INCR', KEYS[3])
redis.call('LPUSH', KEYS[2], cjson.encode({ version = version, who = ARGV[2], at = ARGV[3], changes = changes }))
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[5]) - 1)
return {version, json}
