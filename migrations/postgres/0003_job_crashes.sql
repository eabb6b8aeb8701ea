-- How many times a job's attempt was cut by its process dying (a native crash, out of memory, kill -9), counted when
-- the job is taken back: a job that keeps taking the process down is failed as crashed_worker instead of run again.
-- The same column as the SQLite migrations/0003_job_crashes.sql.
ALTER TABLE jobs ADD COLUMN crashes BIGINT NOT NULL DEFAULT 0 CHECK (crashes >= 0);
