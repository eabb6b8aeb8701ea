-- Signed webhooks on PostgreSQL: the same columns and checks as the SQLite migrations/0005_webhooks.sql. A delivery row is
-- written in the transaction that ends its job (done, failed or cancelled), so a crash between the job's end and the POST loses nothing;
-- the webhook dispatcher claims due rows, POSTs them, and records the outcome. Times are Unix milliseconds (UTC).

ALTER TABLE jobs ADD COLUMN callback_url TEXT;            -- https:// URL to POST the finished job to, or NULL

CREATE TABLE webhook_deliveries (
    job_id           TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq              BIGINT  NOT NULL,                     -- the job_events seq of the ending: a retried job ends again
    url              TEXT    NOT NULL,
    job_state        TEXT    NOT NULL CHECK (job_state IN ('done', 'failed', 'cancelled')),
    job_attempt      BIGINT  NOT NULL,
    job_error        TEXT,
    created_at       BIGINT  NOT NULL,                     -- when the job ended
    state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         BIGINT  NOT NULL DEFAULT 0,           -- POSTs tried
    next_attempt_at  BIGINT  NOT NULL,
    claimed_by       TEXT,                                 -- the node POSTing it now; stale once claim_expires_at passes
    claim_expires_at BIGINT,
    finished_at      BIGINT,
    last_error       TEXT,
    CHECK ((state = 'pending') = (finished_at IS NULL)),
    PRIMARY KEY (job_id, seq)
);

-- Dispatch path: due pending deliveries, oldest first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
