-- Users, groups, roles, personal access tokens and TOTP recovery codes (docs/identity.md).
-- Nothing here is a secret in clear: passwords are Argon2id hashes, tokens and recovery codes are
-- SHA-256 hashes, TOTP seeds live in the wallet (kind TOTP_SEED, owner = the user's id).

CREATE TABLE app_user
(
    id                   UUID        PRIMARY KEY,
    tenant_id            UUID        NOT NULL REFERENCES tenant (id),
    -- stored lower-cased: one account per address, whatever the case it is typed in
    email                TEXT        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name         TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    status               TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    -- where the account comes from: LOCAL (password here), OIDC or LDAP (provisioned at sign-in)
    source               TEXT        NOT NULL CHECK (source IN ('LOCAL', 'OIDC', 'LDAP')),
    -- the identity provider's stable id (OIDC issuer + subject, LDAP entry DN or GUID)
    external_id          TEXT,
    -- the user the server created at its first start; its first password is the bootstrap token
    bootstrap_admin      BOOLEAN     NOT NULL DEFAULT false,
    password_hash        TEXT,
    password_changed_at  TIMESTAMPTZ,
    must_change_password BOOLEAN     NOT NULL DEFAULT false,
    failed_logins        INTEGER     NOT NULL DEFAULT 0,
    locked_until         TIMESTAMPTZ,
    totp_enabled         BOOLEAN     NOT NULL DEFAULT false,
    -- the last accepted TOTP time step: a code is accepted once only
    totp_last_step       BIGINT,
    totp_failures        INTEGER     NOT NULL DEFAULT 0,
    totp_locked_until    TIMESTAMPTZ,
    -- raised whenever every session of the user must end (password changed or reset, disabled)
    session_epoch        INTEGER     NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, email),
    CHECK (source = 'LOCAL' OR external_id IS NOT NULL),
    CHECK (source = 'LOCAL' OR password_hash IS NULL)
);
CREATE UNIQUE INDEX app_user_external_idx ON app_user (tenant_id, source, external_id)
    WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX app_user_bootstrap_admin_idx ON app_user (tenant_id) WHERE bootstrap_admin;

CREATE TABLE app_group
(
    id         UUID        PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenant (id),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- who created it: LOCAL (an administrator) or the identity provider whose claims named it
    source     TEXT        NOT NULL CHECK (source IN ('LOCAL', 'OIDC', 'LDAP')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

-- source: who made the membership. A sign-in through OIDC or LDAP adds and removes only the
-- memberships of its own source; an administrator's (LOCAL) stay.
CREATE TABLE group_member
(
    group_id UUID        NOT NULL REFERENCES app_group (id) ON DELETE CASCADE,
    user_id  UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    source   TEXT        NOT NULL CHECK (source IN ('LOCAL', 'OIDC', 'LDAP')),
    added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user_idx ON group_member (user_id);

CREATE TABLE user_role
(
    user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('USER', 'MICROAPP_ADMIN', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);

-- roles every member of the group holds
CREATE TABLE group_role
(
    group_id UUID NOT NULL REFERENCES app_group (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('USER', 'MICROAPP_ADMIN', 'ADMIN')),
    PRIMARY KEY (group_id, role)
);

-- Personal access tokens (mwp_ + 32 random bytes): only the SHA-256 of the token is stored.
CREATE TABLE access_token
(
    id           UUID        PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX access_token_user_idx ON access_token (user_id);

-- TOTP recovery codes, each usable once; only their hashes are stored.
CREATE TABLE recovery_code
(
    user_id   UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash BYTEA       NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);
