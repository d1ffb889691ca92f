-- Stig store, schema version 9 (SQLite): the audit log.
--
-- Who did what, when, to what: one row per staff action, numbered without gaps (seq) and
-- chained: each row's hash is SHA-256 over its fields and the previous row's hash, so an
-- edited or removed row is found by walking the chain (`stig audit verify`). Rows are only
-- ever appended; nothing updates or deletes them. No workspace reference: the trail of a
-- deleted workspace stays. Never customers' personal data, never secret values.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    actor_user INTEGER,
    action     TEXT    NOT NULL,
    workspace  TEXT,
    target_kind TEXT,
    target_id  TEXT,
    detail     TEXT    NOT NULL,
    client     TEXT,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace, seq);
