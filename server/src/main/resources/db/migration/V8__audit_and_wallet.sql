-- The audit log: append-only, one hash chain over all entries (prev_hash of the first is 32 zero
-- bytes). Entries carry names and figures, never secret values.
CREATE SEQUENCE audit_event_id_seq;

CREATE TABLE audit_event
(
    id          BIGINT      PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenant (id),
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target      TEXT        NOT NULL,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    details     JSONB       NOT NULL,
    prev_hash   BYTEA       NOT NULL CHECK (length(prev_hash) = 32),
    hash        BYTEA       NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_event_tenant ON audit_event (tenant_id, id);

-- Key-encryption keys per tenant and version. material is the KEK sealed by the local provider's
-- master key, or empty when the key lives in an HSM (provider pkcs11) under a derived alias.
CREATE TABLE wallet_kek
(
    tenant_id  UUID        NOT NULL REFERENCES tenant (id),
    version    INTEGER     NOT NULL CHECK (version >= 1),
    provider   TEXT        NOT NULL,
    material   BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

-- Which KEK version wraps new data keys, and the oldest version still accepted.
CREATE TABLE wallet_key_policy
(
    tenant_id       UUID    PRIMARY KEY REFERENCES tenant (id),
    current_version INTEGER NOT NULL,
    minimum_version INTEGER NOT NULL CHECK (minimum_version BETWEEN 1 AND current_version)
);

-- Secrets, each an envelope (see docs/wallet.md): never a value in clear. kek_version repeats the
-- envelope header's version so rotation progress can be counted.
CREATE TABLE wallet_credential
(
    id           UUID        PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenant (id),
    kind         TEXT        NOT NULL,
    owner        TEXT        NOT NULL,
    slot         TEXT        NOT NULL,
    field_names  TEXT[]      NOT NULL,
    envelope     BYTEA       NOT NULL,
    kek_version  INTEGER     NOT NULL,
    set_at       TIMESTAMPTZ NOT NULL,
    set_by       TEXT        NOT NULL,
    last_used_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    UNIQUE (tenant_id, kind, owner, slot)
);
CREATE INDEX wallet_credential_kek ON wallet_credential (tenant_id, kek_version);
