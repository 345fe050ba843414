-- Settings stored per config version (putChannels, putRouteSettings): a hash whose '#version' field names the
-- version they came from. Only a newer version replaces them; start-up configs (version 0) replace each other
-- (the node started last sets them) until a live version is stored.

-- whether config version v may replace the settings in hash key
local function replaces(key, v)
  local stored = tonumber(redis.call('HGET', key, '#version'))
  return not stored or stored < v or (stored == v and v == 0)
end
