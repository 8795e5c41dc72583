-- Microapps, raw notification events, cards and interactions (docs/microapps.md, docs/feed.md).
-- Record content (card titles, bodies, fields) is stored only encrypted with the tenant's cache
-- key, like the data cache it comes from.

CREATE TABLE microapp
(
    tenant_id      UUID        NOT NULL REFERENCES tenant (id),
    id             TEXT        NOT NULL,
    integration_id TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    definition     TEXT        NOT NULL,
    revision       BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX microapp_integration_idx ON microapp (tenant_id, integration_id);

-- One row per raised notification (module microapp). The idempotency key is the rule's, record's
-- and record version's (or the schedule window's): a redelivered change raises nothing twice.
CREATE TABLE notification_event
(
    id              UUID        PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenant (id),
    microapp_id     TEXT        NOT NULL,
    rule_id         TEXT        NOT NULL,
    integration_id  TEXT        NOT NULL,
    table_name      TEXT        NOT NULL,
    record_key      TEXT,
    idempotency_key TEXT        NOT NULL,
    -- who was notified: whose cards expire when the record stops matching
    user_ids        UUID[]      NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    expired_at      TIMESTAMPTZ,
    UNIQUE (tenant_id, microapp_id, rule_id, idempotency_key)
);
CREATE INDEX notification_event_record_idx ON notification_event (tenant_id, integration_id, table_name, record_key)
    WHERE expired_at IS NULL;

-- When each scheduled rule last ran (module microapp).
CREATE TABLE rule_schedule
(
    tenant_id   UUID        NOT NULL REFERENCES tenant (id),
    microapp_id TEXT        NOT NULL,
    rule_id     TEXT        NOT NULL,
    last_run_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, microapp_id, rule_id)
);

-- What a raw event says, once for all its recipients (module notify). content: the card's title,
-- body, fields and buttons as JSON, AES-256-GCM under the tenant's cache key (format byte first).
CREATE TABLE notice
(
    id           UUID        PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenant (id),
    microapp_id  TEXT        NOT NULL,
    rule_id      TEXT        NOT NULL,
    record_key   TEXT,
    content      BYTEA       NOT NULL,
    priority     TEXT        NOT NULL,
    due_at       TIMESTAMPTZ,
    page_id      TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    expired_at   TIMESTAMPTZ
);

-- One card per notice and user: the feed (module notify).
CREATE TABLE card
(
    id            UUID             PRIMARY KEY,
    tenant_id     UUID             NOT NULL REFERENCES tenant (id),
    user_id       UUID             NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    notice_id     UUID             NOT NULL REFERENCES notice (id) ON DELETE CASCADE,
    microapp_id   TEXT             NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    -- why: the scorer's top factors, e.g. [{"factor":"priority","value":1.0,"contribution":0.5}]
    score_factors JSONB            NOT NULL,
    created_at    TIMESTAMPTZ      NOT NULL,
    state         TEXT             NOT NULL CHECK (state IN ('ACTIVE', 'DONE', 'DISMISSED', 'EXPIRED')),
    state_at      TIMESTAMPTZ,
    read_at       TIMESTAMPTZ,
    snoozed_until TIMESTAMPTZ,
    UNIQUE (notice_id, user_id)
);
CREATE INDEX card_feed_idx ON card (user_id, score DESC, created_at DESC, id DESC) WHERE state = 'ACTIVE';
CREATE INDEX card_unread_idx ON card (user_id) WHERE state = 'ACTIVE' AND read_at IS NULL;

-- What users did with cards (module scoring): opened, acted, dismissed. Kept 13 months.
CREATE TABLE interaction
(
    id          BIGSERIAL   PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenant (id),
    user_id     UUID        NOT NULL,
    microapp_id TEXT        NOT NULL,
    card_id     UUID,
    kind        TEXT        NOT NULL CHECK (kind IN ('OPENED', 'ACTED', 'DISMISSED')),
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX interaction_user_idx ON interaction (tenant_id, user_id, microapp_id, at);
CREATE INDEX interaction_at_idx ON interaction (at);
