-- The bootstrap admin token that protects the admin API until users and roles exist. Only its
-- SHA-256 hash is stored (the token is 32 random bytes, so a plain hash is enough); the token itself
-- is shown once, at the start that issued it. One row at most: rotation replaces it.
CREATE TABLE bootstrap_token
(
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    token_hash BYTEA       NOT NULL CHECK (length(token_hash) = 32),
    issued_at  TIMESTAMPTZ NOT NULL
);
