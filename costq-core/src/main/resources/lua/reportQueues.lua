--[[
  reportQueues: every class queue's depth, head queued-at and head estimate. Reads only.
    (no transition)
  KEYS[1..K] the K class queues, class 0 first
  ARGV (none)
  Returns per class {depth, headQueuedAt, headEstimate}; {0, 0, 0} for an empty queue.
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local queues = {}
for k = 1, #KEYS do
  local depth = redis.call('ZCARD', KEYS[k])
  if depth > 0 then
    local head = redis.call('ZRANGE', KEYS[k], 0, 0, 'WITHSCORES')
    queues[k] = {depth, head[2], redis.call('HGET', jobKey(p, head[1]), 'est') or '0'}
  else
    queues[k] = {0, 0, 0}
  end
end
return queues
