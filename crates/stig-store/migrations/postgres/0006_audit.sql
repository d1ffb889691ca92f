-- Stig store, schema version 6 (PostgreSQL): the audit log, as in SQLite's 0009_audit.sql.
--
-- One row per staff action, numbered without gaps and hash-chained (each row's SHA-256 covers
-- its fields and the previous row's hash). Appends hold an advisory lock, so several nodes
-- never fork the chain. Append-only; no workspace reference, so a deleted workspace's trail
-- stays.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT COLLATE "C" NOT NULL,
    actor       TEXT COLLATE "C" NOT NULL,
    actor_user  BIGINT,
    action      TEXT COLLATE "C" NOT NULL,
    workspace   TEXT COLLATE "C",
    target_kind TEXT COLLATE "C",
    target_id   TEXT COLLATE "C",
    detail      TEXT NOT NULL,
    client      TEXT COLLATE "C",
    prev_hash   TEXT COLLATE "C" NOT NULL,
    hash        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace, seq);
