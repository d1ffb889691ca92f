-- Stig outbox, schema version 2 (SQLite): streaming destinations.
--
-- A destination forwards the events one source sent to a webhook (a warehouse loader, another
-- tool). It lives in the outbox file because its cursor (the arrival number of the last event
-- it has looked at) commits in the same transaction as the deliveries that forward the events
-- up to it: a crash neither loses a batch nor queues one twice. Each batch is a firing of the
-- pseudo-moment `destination:<id>` (a real moment's id holds no `:`) with one webhook
-- delivery, so the moments' sender delivers it: signed, retried with back-off, then a dead
-- letter to replay.

CREATE TABLE destinations (
    id           TEXT   NOT NULL PRIMARY KEY,
    workspace_id TEXT   NOT NULL,
    -- The source whose events are forwarded (checked by the store when created: it is in
    -- the other file).
    source_id    TEXT   NOT NULL,
    url          TEXT   NOT NULL,
    -- The name of the workspace secret (main file) holding the `whsec_…` signing key.
    secret       TEXT   NOT NULL,
    -- 0: paused (the cursor waits; re-enabled, it forwards what came meanwhile).
    enabled      BIGINT NOT NULL,
    -- Event types (`track`, `page`, …) or track event names forwarded, as a JSON array of
    -- strings; empty: every event.
    only_events  TEXT   NOT NULL,
    -- Arrival number of the last event looked at (forwarded or filtered out).
    cursor_seq   BIGINT NOT NULL,
    created_at   TEXT   NOT NULL,
    created_by   TEXT   NOT NULL
);
CREATE INDEX destinations_by_source ON destinations (workspace_id, source_id);
