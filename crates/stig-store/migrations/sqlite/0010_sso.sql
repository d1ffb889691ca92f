-- Stig store, schema version 10 (SQLite): single sign-on and login throttling.
--
-- An external identity is an account at an OpenID Connect provider, named by the provider's
-- issuer URL and the subject it gives the person (stable, unlike a name or an e-mail
-- address). It is linked to exactly one Stig user, made at the person's first sign-in;
-- deleting the user deletes the link.
CREATE TABLE external_identities (
    issuer     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identities_by_user ON external_identities (user_id);

-- Failed sign-ins, one row per failure and scope: the account name typed ('account') and the
-- client's address ('address'). Counted over a sliding window to refuse guessing; kept in the
-- database so every node of an installation counts the same attempts. Rows older than the
-- window are deleted as new ones arrive.
CREATE TABLE login_failures (
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    key   TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (scope, key, at);
CREATE INDEX login_failures_by_time ON login_failures (at);
