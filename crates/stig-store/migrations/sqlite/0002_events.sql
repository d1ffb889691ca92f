-- Stig store, schema version 2 (SQLite): what customers do, collected.
--
-- Sources send events (the Segment HTTP API, imports); each has a write key, stored only as
-- its SHA-256 (hex), like API tokens. Events are kept whole as their Segment JSON in `body`,
-- with the columns that identity and journeys look them up by beside it.

CREATE TABLE sources (
    id             TEXT NOT NULL PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    write_key_hash TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE events (
    -- SQLite: an alias of the rowid (arrival order). PostgreSQL: a BIGSERIAL.
    seq          INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The client's messageId: an event sent twice is stored once.
    message_id   TEXT    NOT NULL,
    type         TEXT    NOT NULL
        CHECK (type IN ('identify', 'track', 'page', 'screen', 'group', 'alias')),
    user_id      TEXT,
    anonymous_id TEXT,
    -- The event name of a track call.
    event        TEXT,
    -- When it happened (clock-skew corrected) and when it was received, ISO-8601 UTC.
    timestamp    TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    -- The whole event as Segment JSON.
    body         TEXT    NOT NULL,
    UNIQUE (workspace_id, message_id)
);
CREATE INDEX events_by_user ON events (workspace_id, user_id, timestamp);
CREATE INDEX events_by_anonymous ON events (workspace_id, anonymous_id, timestamp);
