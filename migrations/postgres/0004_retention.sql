-- Retention: finished jobs are purged by state, oldest first (Foreman:Retention:*), and counted by state for /metrics,
-- as in the SQLite migrations/0004_retention.sql.

-- The purge walks one state's finished jobs in finished_at order, and counts by state are an index-only scan here
-- instead of reading the table (jobs_queued is partial, so state had no index).
CREATE INDEX jobs_finished ON jobs (state, finished_at);

-- The drain rate behind Retry-After reads the recent finishes through jobs_finished too. (Purging a job's history
-- finds its events through the primary key, which starts with job_id.)
