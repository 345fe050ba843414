-- A job's finished failed attempts (hash field 'runs', a JSON array, oldest first, the last 20): recorded only where
-- an attempt fails (failJob, requeueExpired), never on the claim or a success, so the hot path pays nothing. The
-- attempt in progress, or the last one when it did not fail, is read from the hash itself (node, startedAt, ...).
local function recordRun(job, node, startedAt, endedAt, outcome, err)
  local raw = redis.call('HGET', job, 'runs')
  local runs = raw and cjson.decode(raw) or {}
  runs[#runs + 1] = {node = node or '', startedAt = tonumber(startedAt) or 0, endedAt = tonumber(endedAt),
    outcome = outcome, error = string.sub(err or '', 1, 500)}
  if #runs > 20 then table.remove(runs, 1) end
  redis.call('HSET', job, 'runs', cjson.encode(runs))
end
