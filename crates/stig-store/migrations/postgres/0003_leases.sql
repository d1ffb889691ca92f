-- Stig store, schema version 3 (PostgreSQL): leases, for work that one node of several does at
-- a time (the moment evaluator of a workspace). A holder renews its lease well before it runs
-- out; when the holder dies, another node takes the lease once `expires_at` has passed.
-- Times are the database's own clock, so the nodes' clocks need not agree.
CREATE TABLE leases (
    name       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    holder     TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
);
