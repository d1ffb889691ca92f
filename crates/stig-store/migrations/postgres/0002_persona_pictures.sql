-- Stig store, schema version 2 (PostgreSQL): a picture per persona (SQLite's 0007).
CREATE TABLE persona_pictures (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    persona      TEXT COLLATE "C" NOT NULL,
    mime         TEXT COLLATE "C" NOT NULL,
    bytes        BYTEA NOT NULL,
    updated_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (workspace_id, persona)
);
