-- Notification channels (module notify, docs/channels.md): each user's choices, and the cards
-- waiting for the user's next e-mail digest. Webhook URLs are secrets: they live in the wallet
-- (kind WEBHOOK), never here.

-- A user without a row has the defaults: e-mail on, immediate; Slack and Teams off.
CREATE TABLE channel_preference
(
    tenant_id     UUID        NOT NULL REFERENCES tenant (id),
    user_id       UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    email_enabled BOOLEAN     NOT NULL,
    email_mode    TEXT        NOT NULL CHECK (email_mode IN ('IMMEDIATE', 'DIGEST')),
    slack_enabled BOOLEAN     NOT NULL,
    teams_enabled BOOLEAN     NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- One row per card waiting for its user's digest; removed when the digest is sent or the card
-- expires. content: what the mail shows (title, body, fields), AES-256-GCM under the tenant's
-- cache key like the notice it comes from (format byte first).
CREATE TABLE channel_digest_item
(
    tenant_id UUID        NOT NULL REFERENCES tenant (id),
    user_id   UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    card_id   UUID        NOT NULL,
    content   BYTEA       NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id, card_id)
);
CREATE INDEX channel_digest_item_card_idx ON channel_digest_item (card_id);
