-- Saved integration specs, one row per (tenant, integration id). The YAML is stored as the author
-- wrote it (specs never hold secrets: they name wallet slots); the parsed form is rebuilt on read.
CREATE TABLE integration
(
    tenant_id  UUID        NOT NULL REFERENCES tenant (id),
    id         TEXT        NOT NULL,
    title      TEXT        NOT NULL,
    spec_yaml  TEXT        NOT NULL,
    revision   BIGINT      NOT NULL CHECK (revision >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
