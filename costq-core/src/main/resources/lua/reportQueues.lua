--[[
  reportQueues: per cost class, over the queues of the given types: depth, head queued-at and head estimate.
  Reads only.
    (no transition)
  KEYS[1] the partition's type set (<tag>:types); names the partition
  ARGV[1] number of cost classes K   ARGV[2] number of types t, then the t types (t = 0: every type of the set)
  Returns per class {depth, headQueuedAt, headEstimate} (summed depth, the oldest head of the types' queues);
  {0, 0, 0} for a class with no queued job of those types.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local types = typesFrom(p, 2)
local queues = {}
for k = 0, tonumber(ARGV[1]) - 1 do
  local depth, headAt, headId, class = 0, nil, nil, string.format('%d', k) -- once per class, not per queue name
  for _, t in ipairs(types) do
    local q = classQueue(p, class, t)
    local d = redis.call('ZCARD', q)
    if d > 0 then
      depth = depth + d
      local head = redis.call('ZRANGE', q, 0, 0, 'WITHSCORES')
      if not headAt or tonumber(head[2]) < headAt then headAt, headId = tonumber(head[2]), head[1] end
    end
  end
  if depth > 0 then
    queues[k + 1] = {depth, headAt, redis.call('HGET', jobKey(p, headId), 'est') or '0'}
  else
    queues[k + 1] = {0, 0, 0}
  end
end
return queues
