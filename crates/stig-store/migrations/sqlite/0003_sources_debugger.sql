-- Stig store, schema version 3 (SQLite): which source sent an event, what was refused, and
-- the server's own secrets.

-- The source whose write key sent the event (NULL: imported, or answered on a Stig survey).
ALTER TABLE events ADD COLUMN source_id TEXT REFERENCES sources (id) ON DELETE SET NULL;

-- Requests the collector refused, kept for the live debugger: what came and why it was
-- refused. Only the newest are kept per source (older ones are pruned on write).
CREATE TABLE rejections (
    seq          INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    source_id    TEXT    NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    at           TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    -- The start of the request body as received (at most 2 KB).
    excerpt      TEXT    NOT NULL
);
CREATE INDEX rejections_by_source ON rejections (workspace_id, source_id, seq);

-- Every refusal ever, per source (the kept rejections above are only the newest).
CREATE TABLE rejection_counts (
    source_id TEXT    NOT NULL PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    refused   INTEGER NOT NULL
);

-- Random keys the server signs with (e.g. survey invitation links), made on first use.
CREATE TABLE secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
);
