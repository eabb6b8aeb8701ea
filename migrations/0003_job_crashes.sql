-- How many times a job's attempt was cut by its process dying (a native crash, out of memory, kill -9), counted when
-- the job is taken back: a job that keeps taking the process down is failed as crashed_worker instead of run again.
ALTER TABLE jobs ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0 CHECK (crashes >= 0);
