-- The durable queue: one row per alignment request, and the history of every state it passed through.
-- Times are Unix milliseconds (UTC). States and their transitions are documented on Foreman.Queue.JobState.

CREATE TABLE jobs (
    id               TEXT    PRIMARY KEY,              -- ULID: sorts by creation time
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'loading', 'working', 'done', 'failed', 'cancelled')),
    model            TEXT    NOT NULL,
    format           TEXT    NOT NULL,                 -- output format the submitter asked for
    audio_path       TEXT,                             -- uploaded audio, written before this row commits
    audio_url        TEXT,                             -- or where the input stage fetches it from
    lyrics           TEXT    NOT NULL,
    idempotency_key  TEXT    UNIQUE,
    keep_alive_ms    INTEGER,                          -- how long the model stays resident after this job; NULL = default
    attempt          INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    events           INTEGER NOT NULL DEFAULT 1,       -- entries in job_events: the next event's seq is events + 1
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    created_at       INTEGER NOT NULL,                 -- also the job's place in line, kept across retries
    not_before       INTEGER NOT NULL,                 -- retry backoff: not eligible before this time
    deadline_at      INTEGER,                          -- a job not started by then expires
    started_at       INTEGER,                          -- first claim
    finished_at      INTEGER,
    lease_owner      TEXT,                             -- worker that holds the job while loading/working
    lease_expires_at INTEGER,
    last_error       TEXT,
    result_json      TEXT,
    -- A job is finished exactly when its state is terminal, and holds a lease exactly while it runs.
    CHECK ((state IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
    CHECK ((state IN ('loading', 'working')) = (lease_owner IS NOT NULL)),
    CHECK ((state = 'done') = (result_json IS NOT NULL))
);

-- Claim path: the oldest eligible queued job per model.
CREATE INDEX jobs_queued ON jobs (state, model, created_at, id);

-- Expiry path: queued jobs that carry a deadline (few), without scanning the whole queue.
CREATE INDEX jobs_deadline ON jobs (deadline_at) WHERE state = 'queued' AND deadline_at IS NOT NULL;

-- One b-tree keyed by (job, seq) instead of a rowid table plus an index: every transition writes one event, and
-- this halves the pages it touches.
CREATE TABLE job_events (
    job_id   TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,                         -- 1, 2, ... within the job (jobs.events counts them)
    state    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    attempt  INTEGER NOT NULL,
    error    TEXT,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
