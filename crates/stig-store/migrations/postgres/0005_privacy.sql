-- Stig store, schema version 5 (PostgreSQL): erasure and suppression. (Arrival numbers come
-- from a sequence, which never hands a number out twice, so deleting events needs nothing.)

-- Ids of erased people whose later events are refused, kept only as salted SHA-256 hashes
-- (`stig_store::suppression_hash`), never the ids.
CREATE TABLE suppressions (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    hash         TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (workspace_id, hash)
);

-- Receipts of erasures, without personal data: who asked, when, counts, a hash of the ids.
CREATE TABLE erasures (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    at           TEXT COLLATE "C" NOT NULL,
    by_name      TEXT COLLATE "C" NOT NULL,
    ids_hash     TEXT COLLATE "C" NOT NULL,
    ids          BIGINT NOT NULL,
    counts       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX erasures_by_workspace ON erasures (workspace_id, at);
