-- The nodes serving one PostgreSQL queue, for GET /api/v1/nodes: each node upserts its row every heartbeat and
-- deletes it on a clean stop. A row not renewed within a lease duration belongs to a dead node and is pruned.
-- Times are Unix milliseconds (UTC).

CREATE TABLE nodes (
    id             TEXT COLLATE "C" PRIMARY KEY,      -- the node's worker identity, as in jobs.lease_owner
    started_at     BIGINT NOT NULL,
    last_seen      BIGINT NOT NULL,
    resident_model TEXT,                              -- the model on its accelerator, or NULL
    current_job_id TEXT                               -- the job its worker runs, or NULL when idle
);
