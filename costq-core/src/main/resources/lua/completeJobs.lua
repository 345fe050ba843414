--[[
  completeJobs: record the ends of several runs at once, each only if its caller still holds the job.
                               RUNNING -> SUCCEEDED | FAILED | CANCELLED | AWAITING_ACK (awaitAck jobs)
  KEYS[1] running   KEYS[2] stats hash   KEYS[3..] the distinct run histories (LIST, newest first) of the batch's
  users whose history lives in this partition
  ARGV[1] now ms   ARGV[2] history window   ARGV[3] retention ms   ARGV[4] done channel
  ARGV[5] job key prefix (<tag>:job:; a job's hash is the prefix and its id, in the same slot as KEYS)
  then per job j, 6 values from ARGV[6 * j]: id, fencing token, SUCCEEDED | FAILED | CANCELLED,
    result JSON (or error text), run duration ms, h: the user's history is KEYS[2 + h], or 0 when it lives in
    another partition (the caller records it there afterwards)
  Returns one code per job: 1 done; -1 the job is not RUNNING; -2 the token is stale (another owner holds it).
  A successful run's duration joins the user's history, trimmed to the window, in the same step. The done
  channel is published to only for jobs a caller waits on (field 'w'). A job submitted with awaitAck goes to
  AWAITING_ACK instead of SUCCEEDED (unless its ack came early), registered in <tag>:acks by ack deadline; its
  ordering key stays held until the ack or the timeout. Every ending frees the job's channel permit.
  The running-set removals are one ZREM, and each user's new durations one LPUSH (in the endings' order, so the
  last is newest); the history is trimmed back to the window only once it holds twice that (readers read the
  window's newest entries), which spares an LTRIM on most completions. A plain job (see submitJobs) is read with
  one 3-field HMGET.
]]
--@include lib/ordering
local codes, ended, hists = {}, {}, {}
local n = (#ARGV - 5) / 6
for j = 1, n do
  local a = 6 * j
  local id, token, status, text, duration = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local job, h = ARGV[5] .. id, tonumber(ARGV[a + 5])
  -- a plain job (see submitJobs) has none of the other fields: no need to look for them
  local f = redis.call('HMGET', job, 'status', 'token', 'plain')
  if f[3] then
    f = {f[1], f[2], false, false, false, false, false, false} -- false, not nil: nil makes the helpers read the field
  else
    local more = redis.call('HMGET', job, 'w', 'awaitAck', 'ackedEarly', 'ackTimeoutMs', 'okey', 'channel')
    for i = 1, 6 do f[2 + i] = more[i] end
  end
  if f[1] ~= 'RUNNING' then
    redis.call('HINCRBY', KEYS[2], 'staleCompletions', 1)
    codes[j] = -1
  elseif f[2] ~= token then
    redis.call('HINCRBY', KEYS[2], 'staleCompletions', 1)
    codes[j] = -2
  else
    local field = 'result'
    if status ~= 'SUCCEEDED' then field = 'error' end
    local awaiting = status == 'SUCCEEDED' and f[4] and not f[5]
    if awaiting then
      redis.call('HSET', job, 'status', 'AWAITING_ACK', field, text, 'durationMs', duration, 'ranUntil', ARGV[1])
      redis.call('ZADD', partitionOf(job) .. 'acks', tonumber(ARGV[1]) + tonumber(f[6]), id)
    else
      redis.call('HSET', job, 'status', status, field, text, 'finishedAt', ARGV[1], 'durationMs', duration)
      if status == 'SUCCEEDED' and f[4] then redis.call('HSET', job, 'ack', 'acked') end
      releaseOrderingKey(job, id, f[7])
      redis.call('PEXPIRE', job, ARGV[3])
      if f[3] then redis.call('PUBLISH', ARGV[4], id) end
    end
    releasePermit(job, id, f[8])
    ended[#ended + 1] = id
    if status == 'SUCCEEDED' and h > 0 then
      local d = hists[h]
      if not d then d = {}; hists[h] = d end
      d[#d + 1] = duration
    end
    codes[j] = 1
  end
end
if #ended > 0 then redis.call('ZREM', KEYS[1], unpack(ended)) end
for h, d in pairs(hists) do
  local window = tonumber(ARGV[2])
  if redis.call('LPUSH', KEYS[2 + h], unpack(d)) >= 2 * window then redis.call('LTRIM', KEYS[2 + h], 0, window - 1) end
end
return codes
