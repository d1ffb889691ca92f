-- Stig store, schema version 7 (SQLite): a picture per persona.
--
-- Pictures are not part of the journey-as-code model (text files); they live beside it, one
-- per persona id, as the bytes uploaded (PNG, JPEG or WebP, checked by their magic bytes and
-- size before they are stored). Deleting the workspace deletes its pictures.
CREATE TABLE persona_pictures (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    persona      TEXT NOT NULL,
    mime         TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, persona)
);
