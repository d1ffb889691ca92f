-- Stig store, schema version 4 (SQLite): business moments, as a transactional outbox.
--
-- A moment firing for one trigger occurrence is stored with the deliveries (actions) it
-- queues in the same transaction as the event cursor that evaluated it, so a crash never
-- loses or repeats one: (workspace, moment, occurrence) is unique. Senders then work through
-- the pending deliveries, recording each attempt. Timestamps are fixed-width ISO-8601 UTC
-- text, as everywhere, so text order is time order.

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

-- How far evaluation has read a workspace's events (the arrival number of the last one).
CREATE TABLE moment_cursors (
    workspace_id TEXT   NOT NULL PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    seq          BIGINT NOT NULL
);

-- When each moment was first seen enabled: occurrences before it do not fire.
CREATE TABLE moment_live (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    moment       TEXT NOT NULL,
    since        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, moment)
);

-- One row per moment fired for one trigger occurrence.
CREATE TABLE moment_firings (
    -- SQLite: an alias of the rowid. PostgreSQL: a BIGSERIAL.
    id           INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    moment       TEXT    NOT NULL,
    -- What happened (e.g. an event's messageId): a moment fires once per occurrence.
    occurrence   TEXT    NOT NULL,
    customer     TEXT    NOT NULL,
    persona      TEXT,
    -- When the trigger occurred (or fell due), and when the moment fired.
    at           TEXT    NOT NULL,
    fired_at     TEXT    NOT NULL,
    -- Trigger details and the customer snapshot, as JSON.
    context      TEXT    NOT NULL,
    UNIQUE (workspace_id, moment, occurrence)
);
CREATE INDEX moment_firings_by_time ON moment_firings (workspace_id, at);

-- Trigger occurrences due later ("2 days after departure"), deleted once fired or dropped.
CREATE TABLE moment_schedules (
    id           INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    moment       TEXT    NOT NULL,
    occurrence   TEXT    NOT NULL,
    customer     TEXT    NOT NULL,
    due_at       TEXT    NOT NULL,
    context      TEXT    NOT NULL,
    UNIQUE (workspace_id, moment, occurrence)
);
CREATE INDEX moment_schedules_by_due ON moment_schedules (workspace_id, due_at);

-- The outbox: one row per action of a firing, worked through by the senders.
CREATE TABLE moment_deliveries (
    id              INTEGER NOT NULL PRIMARY KEY,
    workspace_id    TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    firing_id       BIGINT  NOT NULL REFERENCES moment_firings (id) ON DELETE CASCADE,
    -- Index of the action in the moment.
    action          BIGINT  NOT NULL,
    kind            TEXT    NOT NULL,
    -- Everything the sender needs (url, rendered texts, ...), as JSON.
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        BIGINT  NOT NULL,
    -- Not to be tried before (quiet hours, back-off).
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    delivered_at    TEXT
);
CREATE INDEX moment_deliveries_due ON moment_deliveries (status, next_attempt_at);
CREATE INDEX moment_deliveries_by_firing ON moment_deliveries (firing_id);
CREATE INDEX moment_deliveries_by_workspace ON moment_deliveries (workspace_id, status, id);

-- Every attempt at a delivery, for the activity log.
CREATE TABLE moment_attempts (
    id          INTEGER NOT NULL PRIMARY KEY,
    delivery_id BIGINT  NOT NULL REFERENCES moment_deliveries (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    ok          BIGINT  NOT NULL,
    -- The HTTP (or SMTP) status, if one came back.
    status      BIGINT,
    error       TEXT,
    duration_ms BIGINT  NOT NULL
);
CREATE INDEX moment_attempts_by_delivery ON moment_attempts (delivery_id, id);

-- Tasks created by "task" actions, one per delivery at most.
CREATE TABLE tasks (
    id           INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    delivery_id  BIGINT  NOT NULL UNIQUE REFERENCES moment_deliveries (id) ON DELETE CASCADE,
    moment       TEXT    NOT NULL,
    customer     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    assignee     TEXT,
    status       TEXT    NOT NULL CHECK (status IN ('open', 'done')),
    created_at   TEXT    NOT NULL,
    done_at      TEXT
);
CREATE INDEX tasks_by_workspace ON tasks (workspace_id, status, id);

-- A workspace's secrets (webhook signing keys, SMTP passwords), stored as given: the server
-- needs the plain value to use them. Listed by name only.
CREATE TABLE workspace_secrets (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
