-- Every table holding tenant data references tenant(id). One tenant exists from the start.
CREATE TABLE tenant (
    id         UUID        PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO tenant (id, slug, name)
VALUES ('00000000-0000-0000-0000-000000000001', 'default', 'Default tenant');
