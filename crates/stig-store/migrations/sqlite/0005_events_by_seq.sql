-- Stig store, schema version 5 (SQLite): a workspace's events in arrival order.
--
-- The live runtime reads each workspace's events from a cursor (`seq > ?  ORDER BY seq`) every
-- round, and its newest event at start. Without this index SQLite answered both through
-- `events_by_anonymous` and a sort of every event of the workspace: a full read became
-- quadratic in pages, and "anything new?" cost tens of milliseconds at a million events.
CREATE INDEX events_by_seq ON events (workspace_id, seq);
