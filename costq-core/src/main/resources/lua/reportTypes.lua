--[[
  reportTypes: per job type of the partition's type set, its queued jobs over every class: depth and oldest head's
  queued-at. Reads only (the API's per-type view: what waits for a worker that handles it).
    (no transition)
  KEYS[1] the partition's type set (<tag>:types); names the partition
  ARGV[1] number of cost classes K
  Returns {type, depth, headQueuedAt (0 when none)} per type.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local out = {}
for _, t in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local depth, headAt = 0, 0
  for k = 0, tonumber(ARGV[1]) - 1 do
    local q = classQueue(p, k, t)
    local d = redis.call('ZCARD', q)
    if d > 0 then
      depth = depth + d
      local head = tonumber(redis.call('ZRANGE', q, 0, 0, 'WITHSCORES')[2])
      if headAt == 0 or head < headAt then headAt = head end
    end
  end
  out[#out + 1] = {t, depth, headAt}
end
return out
