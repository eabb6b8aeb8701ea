-- Retention: finished jobs are purged by state, oldest first (Foreman:Retention:*), and counted by state for /metrics.

-- The purge walks one state's finished jobs in finished_at order. Partial: a job enters it once, when it finishes, so
-- the queue's own transitions (queued, loading, working) never touch it. (Counts by state read jobs_queued.)
CREATE INDEX jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;

-- The drain rate behind Retry-After reads the recent finishes through jobs_finished too. (Purging a job's history
-- finds its events through the primary key, which starts with job_id.)
