--[[
  recordHeartbeat: publish a node's state with an expiry and list it in the node directory; mark the job types it
  handles as advertised now.
    (no transition)
  KEYS[1] node hash (<tag>:node:<id>)   KEYS[2] node directory (ZSET, score = last seen ms)
  KEYS[3] advertised types (<tag>:types:seen, HASH type -> last seen ms)
  KEYS[4] drains (HASH node id -> ms an operator asked it to drain)
  ARGV[1] node id   ARGV[2] now ms   ARGV[3] ttl ms   ARGV[4] number of types t, then the t types
  ARGV[5 + t..] field, value pairs
  Returns 1 when an operator asked this node to drain (it then publishes draining = 1), else 0. Directory entries
  unseen for 10 ttls are pruned.
]]
local t = tonumber(ARGV[4])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'lastSeen', ARGV[2], unpack(ARGV, 5 + t))
local draining = redis.call('HEXISTS', KEYS[4], ARGV[1])
if draining == 1 then redis.call('HSET', KEYS[1], 'draining', 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[2]) - 10 * tonumber(ARGV[3]))
if t > 0 then
  local seen = {}
  for i = 1, t do seen[#seen + 1] = ARGV[4 + i]; seen[#seen + 1] = ARGV[2] end
  redis.call('HSET', KEYS[3], unpack(seen))
end
return draining
