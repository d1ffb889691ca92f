-- Stig store, schema version 1 (SQLite).
--
-- Migrations are append-only: never edit a file once it is released; add the next one.
-- The SQL is kept portable (TEXT and BIGINT columns, no SQLite-only functions) so that the
-- PostgreSQL schema differs only where it must: the auto-assigned `users.id`.
-- Timestamps are ISO-8601 UTC text with milliseconds ("2026-01-31T12:00:00.000Z"),
-- fixed width, so that comparing them as text compares them in time.

-- One row per workspace, keyed by its slug (e.g. `arctic-winter`).
CREATE TABLE workspaces (
    id          TEXT   NOT NULL PRIMARY KEY,
    -- JSON of stig_model::Settings.
    settings    TEXT   NOT NULL,
    -- Version of `settings`, for optimistic concurrency; `updated_*` say who changed them last.
    version     BIGINT NOT NULL,
    updated_at  TEXT   NOT NULL,
    updated_by  TEXT   NOT NULL,
    -- Bumped by every write to anything in the workspace (settings or entities), so a reader
    -- can tell cheaply whether its cached copy is stale; `changed_*` say who wrote last.
    revision    BIGINT NOT NULL,
    changed_at  TEXT   NOT NULL,
    changed_by  TEXT   NOT NULL
);

-- Every persona, journey (with its phases, stages and steps), touchpoint, actor, goal and
-- dilemma, one row each, as the JSON of its stig_model type.
CREATE TABLE entities (
    workspace_id TEXT   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL
        CHECK (kind IN ('persona', 'journey', 'touchpoint', 'actor', 'goal', 'dilemma')),
    id           TEXT   NOT NULL,
    -- 0-based order within (workspace_id, kind), kept dense by the store.
    position     BIGINT NOT NULL,
    body         TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    updated_at   TEXT   NOT NULL,
    updated_by   TEXT   NOT NULL,
    PRIMARY KEY (workspace_id, kind, id)
);
CREATE INDEX entities_by_position ON entities (workspace_id, kind, position);

CREATE TABLE users (
    -- SQLite: an alias of the rowid, assigned on insert and never reused.
    -- PostgreSQL: an identity column.
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL UNIQUE,
    -- Argon2id PHC string ("$argon2id$v=19$m=...").
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    created_at    TEXT    NOT NULL
);

-- Browser sessions. Only the SHA-256 (hex) of the cookie token is stored.
CREATE TABLE sessions (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT   NOT NULL,
    -- The UI locale the user picked; NULL = negotiate from the request.
    locale     TEXT,
    created_at TEXT   NOT NULL,
    expires_at TEXT   NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- API tokens for scripts and the CLI. Only the SHA-256 (hex) of the token is stored.
CREATE TABLE api_tokens (
    token_hash   TEXT   NOT NULL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label        TEXT   NOT NULL,
    created_at   TEXT   NOT NULL,
    last_used_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
