--[[
  completeJobs: record the ends of several runs at once, each only if its caller still holds the job.
    RUNNING -> SUCCEEDED | FAILED | CANCELLED
    RUNNING -> AWAITING_ACK    a successful run of a job that ends only on an external ack (none came early)
  KEYS[1] running   KEYS[2] stats hash   KEYS[3..] the distinct run histories (LIST, newest first) of the batch's
  users whose history lives in this partition
  ARGV[1] now ms   ARGV[2] history window   ARGV[3] retention ms
  then per job j, 6 values from ARGV[6j - 2]: id, fencing token, SUCCEEDED | FAILED | CANCELLED,
    result JSON (or error text), run duration ms, h: the user's history is KEYS[2 + h], or 0 when it lives in
    another partition (the caller records it there afterwards)
  Returns one code per job: DONE; WRONG_STATE (the job is not RUNNING); STALE_TOKEN (another owner holds it).
  A successful run's duration joins the user's history in the same step. The done channel is published to only
  for awaited jobs. An ack-awaiting job is registered in <tag>:acks by ack deadline; its ordering key stays held
  until the ack or the timeout. Every ending frees the job's channel permit. The running-set removals are one
  ZREM, each user's new durations one LPUSH (in the endings' order, so the last is newest); a history is trimmed
  back to the window only once it holds twice that (readers read the window's newest entries).
]]
--@include lib/keys
--@include lib/codes
--@include lib/ordering
local p = partitionOf(KEYS[1])
local codes, ended, hists = {}, {}, {}
for j = 1, (#ARGV - 3) / 6 do
  local a = 6 * j - 2
  local id, token, status, text, duration = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local job, h = jobKey(p, id), tonumber(ARGV[a + 5])
  -- an absent field costs a scan of the hash: the rare ones only when 'opt' names one (lib/keys rareFields), and a
  -- job awaiting an ack reads its two ack fields below
  local f = redis.call('HMGET', job, 'status', 'token', 'opt')
  if f[1] ~= 'RUNNING' then
    redis.call('HINCRBY', KEYS[2], 'staleCompletions', 1)
    codes[j] = WRONG_STATE
  elseif f[2] ~= token then
    redis.call('HINCRBY', KEYS[2], 'staleCompletions', 1)
    codes[j] = STALE_TOKEN
  else
    -- r: awaited, awaitAck, okey, channel
    local r = rareFields(job, f[3], '[akoc]', 'awaited', 'awaitAck', 'okey', 'channel')
    local field = status == 'SUCCEEDED' and 'result' or 'error'
    local ackedEarly, ackTimeoutMs = false, false
    if r[2] then ackedEarly, ackTimeoutMs = unpack(redis.call('HMGET', job, 'ackedEarly', 'ackTimeoutMs')) end
    if status == 'SUCCEEDED' and r[2] and not ackedEarly then
      redis.call('HSET', job, 'status', 'AWAITING_ACK', field, text, 'durationMs', duration, 'ranUntil', ARGV[1])
      redis.call('ZADD', p .. 'acks', tonumber(ARGV[1]) + tonumber(ackTimeoutMs), id)
    else
      redis.call('HSET', job, 'status', status, field, text, 'finishedAt', ARGV[1], 'durationMs', duration)
      if status == 'SUCCEEDED' and r[2] then redis.call('HSET', job, 'ack', 'acked') end
      releaseOrderingKey(job, id, r[3])
      redis.call('PEXPIRE', job, ARGV[3])
      if r[1] then redis.call('PUBLISH', noticeChannel(p, 'done'), id) end
    end
    releasePermit(job, id, r[4])
    ended[#ended + 1] = id
    if status == 'SUCCEEDED' and h > 0 then
      local d = hists[h]
      if not d then d = {}; hists[h] = d end
      d[#d + 1] = duration
    end
    codes[j] = DONE
  end
end
if #ended > 0 then redis.call('ZREM', KEYS[1], unpack(ended)) end
local window = tonumber(ARGV[2])
for h, d in pairs(hists) do
  if redis.call('LPUSH', KEYS[2 + h], unpack(d)) >= 2 * window then redis.call('LTRIM', KEYS[2 + h], 0, window - 1) end
end
return codes
