-- Stig store, schema version 4 (SQLite): business moments as entities, and workspace secrets.
-- What moments do (the outbox) lives in a database file of its own: migrations/outbox.

-- Moments are stored entities too (one row each, as the JSON of stig_model::Moment): the
-- `kind` check of `entities` admits them. SQLite cannot alter a CHECK, so the table is
-- rebuilt with the same columns (nothing references it).
CREATE TABLE entities_new (
    workspace_id TEXT   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL
        CHECK (kind IN ('persona', 'journey', 'touchpoint', 'actor', 'goal', 'dilemma',
                        'moment')),
    id           TEXT   NOT NULL,
    position     BIGINT NOT NULL,
    body         TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    updated_at   TEXT   NOT NULL,
    updated_by   TEXT   NOT NULL,
    PRIMARY KEY (workspace_id, kind, id)
);
INSERT INTO entities_new (workspace_id, kind, id, position, body, version, updated_at, updated_by)
    SELECT workspace_id, kind, id, position, body, version, updated_at, updated_by FROM entities;
DROP TABLE entities;
ALTER TABLE entities_new RENAME TO entities;
CREATE INDEX entities_by_position ON entities (workspace_id, kind, position);

-- A workspace's secrets (webhook signing keys, SMTP passwords), stored as given: the server
-- needs the plain value to use them. Listed by name only.
CREATE TABLE workspace_secrets (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
