-- Stig store, schema version 7 (PostgreSQL): single sign-on and login throttling, as in
-- SQLite's 0010_sso.sql.
--
-- An external identity is an account at an OpenID Connect provider (issuer URL + the
-- provider's stable subject), linked to exactly one Stig user.
CREATE TABLE external_identities (
    issuer     TEXT COLLATE "C" NOT NULL,
    subject    TEXT COLLATE "C" NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identities_by_user ON external_identities (user_id);

-- Failed sign-ins per account name and per client address, counted over a sliding window
-- by every node alike; rows older than the window are deleted as new ones arrive.
CREATE TABLE login_failures (
    scope TEXT COLLATE "C" NOT NULL CHECK (scope IN ('account', 'address')),
    key   TEXT COLLATE "C" NOT NULL,
    at    TEXT COLLATE "C" NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (scope, key, at);
CREATE INDEX login_failures_by_time ON login_failures (at);
