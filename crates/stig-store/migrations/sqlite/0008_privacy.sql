-- Stig store, schema version 8 (SQLite): erasure, suppression and retention.
--
-- Events are deleted now (an erased person, retention), so their arrival numbers must never
-- be handed out again: every reader by cursor (the live index, moments, destinations) would
-- skip a new event given the number of a deleted one. A plain INTEGER PRIMARY KEY reuses the
-- largest number once its row is gone; AUTOINCREMENT never does. SQLite cannot add it to a
-- column, so the table is made again, rows, numbers and indexes kept.
CREATE TABLE events_new (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id   TEXT    NOT NULL,
    type         TEXT    NOT NULL
        CHECK (type IN ('identify', 'track', 'page', 'screen', 'group', 'alias')),
    user_id      TEXT,
    anonymous_id TEXT,
    event        TEXT,
    timestamp    TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    source_id    TEXT REFERENCES sources (id) ON DELETE SET NULL,
    UNIQUE (workspace_id, message_id)
);
INSERT INTO events_new (seq, workspace_id, message_id, type, user_id, anonymous_id, event,
                        timestamp, received_at, body, source_id)
    SELECT seq, workspace_id, message_id, type, user_id, anonymous_id, event,
           timestamp, received_at, body, source_id
    FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_user ON events (workspace_id, user_id, timestamp);
CREATE INDEX events_by_anonymous ON events (workspace_id, anonymous_id, timestamp);
CREATE INDEX events_by_seq ON events (workspace_id, seq);

-- Ids of erased people whose later events are refused, kept only as salted SHA-256 hashes
-- (`stig_store::suppression_hash`), never the ids.
CREATE TABLE suppressions (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    hash         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, hash)
);

-- Receipts of erasures, without personal data: who asked, when, counts, a hash of the ids.
CREATE TABLE erasures (
    id           TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    by_name      TEXT NOT NULL,
    ids_hash     TEXT NOT NULL,
    ids          BIGINT NOT NULL,
    -- `ErasureCounts` as JSON.
    counts       TEXT NOT NULL
);
CREATE INDEX erasures_by_workspace ON erasures (workspace_id, at);
