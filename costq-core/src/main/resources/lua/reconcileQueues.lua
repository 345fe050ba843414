--[[
  reconcileQueues: after a config change, no queued job is left where no worker looks. Queues of classes at or
  above a lowered class count K drain into the last class; jobs parked on a channel that is no longer configured
  go back to their class queue. A moved queue entry keeps its score (queued-at + laneMs already); a parked job
  (scored by queued-at) gets its laneMs (its lane's offset) added, as a submit scores it.
    QUEUED -> QUEUED     (class K.. queue, or parked on a removed channel) -> class queue
  KEYS[1] channels with parked jobs (<tag>:ch:names, SET); names the partition
  ARGV[1] number of cost classes K   ARGV[2..] the configured delivery channels' names
  Returns the number of jobs moved. Class queues are looked for up to class 15 (the most a config allows, 16), for
  every type of the partition's type set (<tag>:types).
]]
--@include lib/keys
local p = partitionOf(KEYS[1])
local last = tonumber(ARGV[1]) - 1
local configured = {}
for i = 2, #ARGV do configured[ARGV[i]] = true end
local moved = 0
local function requeue(id, at, addLane)
  local f = redis.call('HMGET', jobKey(p, id), 'status', 'class', 'type', 'laneMs')
  if f[1] == 'QUEUED' then
    if addLane then at = queueScore(at, f[4]) end
    redis.call('ZADD', classQueue(p, math.min(tonumber(f[2]), last), f[3]), at, id)
    moved = moved + 1
  end
end
for _, type in ipairs(redis.call('SMEMBERS', typeSet(p))) do
  for k = last + 1, 15 do
    local old = classQueue(p, k, type)
    if redis.call('EXISTS', old) == 1 then
      local members = redis.call('ZRANGE', old, 0, -1, 'WITHSCORES')
      redis.call('DEL', old)
      for i = 1, #members, 2 do requeue(members[i], members[i + 1], false) end
    end
  end
end
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not configured[name] then
    local wait = channelKey(p, name, 'wait')
    local parked = redis.call('ZRANGE', wait, 0, -1, 'WITHSCORES')
    redis.call('DEL', wait)
    for i = 1, #parked, 2 do requeue(parked[i], parked[i + 1], true) end
    redis.call('SREM', KEYS[1], name)
  end
end
return moved
