-- Stig outbox, schema version 4 (SQLite): actions suppressed for lack of consent.
--
-- Every moment action declares its purpose (service, marketing, analytics, ...). When a moment
-- fires for a customer whose latest consent does not grant that purpose, the action is not
-- queued as a delivery at all (so no sender, retry or replay can ever send it): it is recorded
-- here instead, in the same transaction as its firing, and counted beside the deliveries.
-- Deleting the firing (an erasure) deletes these rows with it.

CREATE TABLE moment_suppressions (
    id           INTEGER NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL,
    firing_id    BIGINT  NOT NULL REFERENCES moment_firings (id) ON DELETE CASCADE,
    -- Index of the action in the moment, its kind, and the purpose it lacked consent for.
    action       BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,
    purpose      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX moment_suppressions_by_firing ON moment_suppressions (firing_id);
CREATE INDEX moment_suppressions_by_workspace ON moment_suppressions (workspace_id, id);
