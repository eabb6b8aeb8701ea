-- The durable queue on PostgreSQL, shared by every node: the same rows, states and checks as the SQLite migrations/0001_jobs.sql.
-- Times are Unix milliseconds (UTC) from the nodes' clocks. States and their transitions are documented on Foreman.Queue.JobState.
-- Ids and model names collate as bytes ("C"), as in SQLite, so ULIDs sort by creation time and the skip-scan walks models in order.

CREATE TABLE jobs (
    id               TEXT COLLATE "C" PRIMARY KEY,     -- ULID: sorts by creation time
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'loading', 'working', 'done', 'failed', 'cancelled')),
    model            TEXT COLLATE "C" NOT NULL,
    format           TEXT    NOT NULL,                 -- output format the submitter asked for
    audio_path       TEXT,                             -- uploaded audio in the shared uploads directory, written before this row commits
    audio_url        TEXT,                             -- or where the input stage fetches it from
    lyrics           TEXT    NOT NULL,
    idempotency_key  TEXT    UNIQUE,
    keep_alive_ms    BIGINT,                           -- how long the model stays resident after this job; NULL = default
    attempt          BIGINT  NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    events           BIGINT  NOT NULL DEFAULT 1,       -- entries in job_events: the next event's seq is events + 1
    max_attempts     BIGINT  NOT NULL CHECK (max_attempts >= 1),
    created_at       BIGINT  NOT NULL,                 -- also the job's place in line, kept across retries
    not_before       BIGINT  NOT NULL,                 -- retry backoff: not eligible before this time
    deadline_at      BIGINT,                           -- a job not started by then expires
    started_at       BIGINT,                           -- first claim
    finished_at      BIGINT,
    lease_owner      TEXT,                             -- node worker that holds the job while loading/working
    lease_expires_at BIGINT,
    last_error       TEXT,
    result_json      TEXT,
    -- A job is finished exactly when its state is terminal, and holds a lease exactly while it runs.
    CHECK ((state IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
    CHECK ((state IN ('loading', 'working')) = (lease_owner IS NOT NULL)),
    CHECK ((state = 'done') = (result_json IS NOT NULL))
);

-- Claim path: the oldest eligible queued job per model. Partial, so finished jobs piling up never slow the skip-scan.
CREATE INDEX jobs_queued ON jobs (model, created_at, id) WHERE state = 'queued';

-- Rescue path: every node looks for expired leases (once a second).
CREATE INDEX jobs_running ON jobs (lease_expires_at) WHERE state IN ('loading', 'working');

-- Expiry path: queued jobs that carry a deadline (few), without scanning the whole queue.
CREATE INDEX jobs_deadline ON jobs (deadline_at) WHERE state = 'queued' AND deadline_at IS NOT NULL;

-- Keyed by (job, seq), seq counted per job by jobs.events, as in SQLite: no global sequence for every node to contend on.
CREATE TABLE job_events (
    job_id   TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq      BIGINT  NOT NULL,                         -- 1, 2, ... within the job (jobs.events counts them)
    state    TEXT    NOT NULL,
    at       BIGINT  NOT NULL,
    attempt  BIGINT  NOT NULL,
    error    TEXT,
    PRIMARY KEY (job_id, seq)
);
