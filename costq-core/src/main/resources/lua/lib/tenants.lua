-- Tenant scopes (io.costq.core.job.Tenants is the same rule): a job's tenant is its hash's 'tenant' field, 'default'
-- when absent; a caller's scope is '*' (every tenant) or a comma-separated list of tenant names (no commas in names).
--@include lib/keys
-- A job outside the caller's scope is answered exactly as a job that does not exist.
local function outsideScope(job, scope)
  if scope == '*' then return false end
  local t = redis.call('HGET', job, 'tenant') or 'default'
  return not string.find(',' .. scope .. ',', ',' .. t .. ',', 1, true)
end

-- Whether a capped tenant has cap jobs QUEUED or SCHEDULED in partition p (all its jobs live there): counted from
-- tenantPending (lib/keys), which lists the jobs stored under the cap; when it reaches the cap, entries whose job has
-- moved on (claimed, cancelled, expired, gone) are dropped first. Only capped tenants' submits pay for this, and the
-- walk (one HGET per entry, at most about cap) only when the count reaches the cap.
local function overCap(p, tenant, cap)
  local key, limit = tenantPending(p, tenant), tonumber(cap)
  if redis.call('ZCARD', key) < limit then return false end
  for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    local s = redis.call('HGET', jobKey(p, id), 'status')
    if s ~= 'QUEUED' and s ~= 'SCHEDULED' then redis.call('ZREM', key, id) end
  end
  return redis.call('ZCARD', key) >= limit
end
