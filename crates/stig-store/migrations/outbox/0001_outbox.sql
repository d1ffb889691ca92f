-- Stig outbox, schema version 1 (SQLite): what business moments do, as a transactional
-- outbox, in a database file of its own beside the main one (`<db>-outbox`).
--
-- A moment firing for one trigger occurrence is stored with the deliveries (actions) it
-- queues in the same transaction as the event cursor that evaluated it, so a crash never
-- loses or repeats one: (workspace, moment, occurrence) is unique. Senders then work through
-- the pending deliveries, recording each attempt. Timestamps are fixed-width ISO-8601 UTC
-- text, as everywhere, so text order is time order.
--
-- Why a file of its own: SQLite has one writer per file. With the outbox beside the events,
-- every firing's commit waited for (and held up) the collector's; in two files they commit
-- side by side. Nothing here references the main file's tables: `workspace_id` is checked
-- by the store before writing, and deleting a workspace deletes its rows here first.

-- How far evaluation has read a workspace's events (the arrival number of the last one).
CREATE TABLE moment_cursors (
    workspace_id TEXT   NOT NULL PRIMARY KEY,
    seq          BIGINT NOT NULL
);

-- When each moment was first seen enabled: occurrences before it do not fire.
CREATE TABLE moment_live (
    workspace_id TEXT NOT NULL,
    moment       TEXT NOT NULL,
    since        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, moment)
);

-- One row per moment fired for one trigger occurrence.
CREATE TABLE moment_firings (
    -- SQLite: an alias of the rowid. PostgreSQL: a BIGSERIAL.
    id           INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL,
    moment       TEXT    NOT NULL,
    -- What happened (e.g. an event's messageId): a moment fires once per occurrence.
    occurrence   TEXT    NOT NULL,
    customer     TEXT    NOT NULL,
    persona      TEXT,
    -- When the trigger occurred (or fell due), and when the moment fired.
    at           TEXT    NOT NULL,
    fired_at     TEXT    NOT NULL,
    -- What triggered it and who (customer id and persona), as JSON.
    context      TEXT    NOT NULL,
    UNIQUE (workspace_id, moment, occurrence)
);
CREATE INDEX moment_firings_by_time ON moment_firings (workspace_id, at);

-- The outbox: one row per action of a firing, worked through by the senders.
CREATE TABLE moment_deliveries (
    id              INTEGER NOT NULL PRIMARY KEY,
    workspace_id    TEXT    NOT NULL,
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
-- What the senders look for: only pending rows (a task's delivery is done as it is made).
CREATE INDEX moment_deliveries_due ON moment_deliveries (next_attempt_at, id)
    WHERE status = 'pending';
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
    workspace_id TEXT    NOT NULL,
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

