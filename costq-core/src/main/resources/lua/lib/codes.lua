-- The return codes every script shares; ScriptCode.java is the same table (ScriptCodeTest compares the two).
-- Positive: what happened. Negative: why nothing was written.
local DONE, RETRY_SCHEDULED, DEAD, CANCELLED, CANCEL_REQUESTED, ACK_RECORDED_EARLY, DUPLICATE = 1, 2, 3, 4, 5, 6, 7
local FAILED = 8
local NO_SUCH_JOB, WRONG_STATE, STALE_TOKEN, ID_TAKEN = -1, -2, -3, -4
-- Recurring schedules: a tick that fired no job (overlap skip, or missed); a schedule replaced by a PUT; none found.
local SKIPPED, REPLACED, NO_SUCH_SCHEDULE = 9, 10, -5
-- A new job's tenant has its cap of queued jobs (submitJobs): nothing stored.
local OVER_CAP = -6
