-- Signed webhooks: the callback a submit may name, and the outbox of deliveries. A delivery row is written in the same
-- transaction that ends its job (done, failed or cancelled), so a crash between the job's end and the POST loses nothing;
-- the webhook dispatcher claims due rows, POSTs them, and records the outcome. Times are Unix milliseconds (UTC).

ALTER TABLE jobs ADD COLUMN callback_url TEXT;            -- https:// URL to POST the finished job to, or NULL

CREATE TABLE webhook_deliveries (
    job_id           TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,                     -- the job_events seq of the ending: a retried job ends again
    url              TEXT    NOT NULL,
    job_state        TEXT    NOT NULL CHECK (job_state IN ('done', 'failed', 'cancelled')),
    job_attempt      INTEGER NOT NULL,
    job_error        TEXT,
    created_at       INTEGER NOT NULL,                     -- when the job ended
    state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,           -- POSTs tried
    next_attempt_at  INTEGER NOT NULL,
    claimed_by       TEXT,                                 -- the node POSTing it now; stale once claim_expires_at passes
    claim_expires_at INTEGER,
    finished_at      INTEGER,
    last_error       TEXT,
    CHECK ((state = 'pending') = (finished_at IS NULL)),
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

-- Dispatch path: due pending deliveries, oldest first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
