package dev.microworks.notify.internal.channel;

import dev.microworks.notify.CardsPublished.ExpiredCard;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cards waiting for their user's next e-mail digest (table {@code channel_digest_item}). The mail
 * content is stored as {@code format(1) | AES-256-GCM(JSON)} under the tenant's cache key,
 * associated data = "channel-digest", tenant, user and card, like the notices it comes from.
 */
@Component
class DigestQueue {

  private static final byte AES_GCM = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A user with cards waiting. */
  record Recipient(TenantId tenant, UUID user) {}

  private final JdbcTemplate jdbc;
  private final CacheKeys keys;
  private final Clock clock;

  DigestQueue(JdbcTemplate jdbc, CacheKeys keys, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  void add(TenantId tenant, UUID user, List<MailCard> cards) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.batchUpdate(
        "INSERT INTO channel_digest_item (tenant_id, user_id, card_id, content, queued_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        cards,
        500,
        (PreparedStatement statement, MailCard card) -> {
          statement.setObject(1, tenant.value());
          statement.setObject(2, user);
          statement.setObject(3, card.card());
          statement.setBytes(4, seal(tenant, user, card));
          statement.setTimestamp(5, now);
        });
  }

  /** Takes expired cards out of pending digests; returns how many were waiting. */
  int remove(TenantId tenant, List<ExpiredCard> expired) {
    int[][] counts =
        jdbc.batchUpdate(
            "DELETE FROM channel_digest_item WHERE tenant_id = ? AND user_id = ? AND card_id = ?",
            expired,
            500,
            (PreparedStatement statement, ExpiredCard card) -> {
              statement.setObject(1, tenant.value());
              statement.setObject(2, card.user());
              statement.setObject(3, card.card());
            });
    return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(n -> Math.max(n, 0)).sum();
  }

  List<Recipient> recipients() {
    return jdbc.query(
        "SELECT DISTINCT tenant_id, user_id FROM channel_digest_item",
        (row, n) ->
            new Recipient(
                new TenantId(row.getObject(1, UUID.class)), row.getObject(2, UUID.class)));
  }

  /**
   * A user's waiting cards, oldest first, leaving out (and dropping) cards that are no longer
   * active in the feed: expired, done or dismissed since they were queued.
   */
  List<MailCard> pending(Recipient recipient) {
    jdbc.update(
        "DELETE FROM channel_digest_item d WHERE d.tenant_id = ? AND d.user_id = ? AND NOT EXISTS"
            + " (SELECT 1 FROM card c WHERE c.id = d.card_id AND c.state = 'ACTIVE')",
        recipient.tenant().value(),
        recipient.user());
    return jdbc.query(
        "SELECT card_id, content FROM channel_digest_item WHERE tenant_id = ? AND user_id = ?"
            + " ORDER BY queued_at, card_id",
        (row, n) ->
            open(
                recipient.tenant(),
                recipient.user(),
                row.getObject(1, UUID.class),
                row.getBytes(2)),
        recipient.tenant().value(),
        recipient.user());
  }

  /** Removes the cards a digest was sent with. */
  void sent(Recipient recipient, List<MailCard> cards) {
    jdbc.batchUpdate(
        "DELETE FROM channel_digest_item WHERE tenant_id = ? AND user_id = ? AND card_id = ?",
        cards,
        500,
        (PreparedStatement statement, MailCard card) -> {
          statement.setObject(1, recipient.tenant().value());
          statement.setObject(2, recipient.user());
          statement.setObject(3, card.card());
        });
  }

  /** Drops everything waiting for a user (who turned e-mail off or is gone). */
  void clear(Recipient recipient) {
    jdbc.update(
        "DELETE FROM channel_digest_item WHERE tenant_id = ? AND user_id = ?",
        recipient.tenant().value(),
        recipient.user());
  }

  private byte[] seal(TenantId tenant, UUID user, MailCard card) {
    byte[] body =
        keys.forTenant(tenant)
            .encrypt(JSON.writeValueAsBytes(card), associated(tenant, user, card.card()));
    byte[] stored = new byte[body.length + 1];
    stored[0] = AES_GCM;
    System.arraycopy(body, 0, stored, 1, body.length);
    return stored;
  }

  private MailCard open(TenantId tenant, UUID user, UUID card, byte[] stored) {
    if (stored.length == 0 || stored[0] != AES_GCM) {
      throw new IllegalStateException("digest item " + card + " has an unknown content format");
    }
    byte[] json =
        keys.forTenant(tenant)
            .decrypt(Arrays.copyOfRange(stored, 1, stored.length), associated(tenant, user, card));
    return JSON.readValue(json, MailCard.class);
  }

  private static byte[] associated(TenantId tenant, UUID user, UUID card) {
    return ("channel-digest|" + tenant.value() + "|" + user + "|" + card)
        .getBytes(StandardCharsets.UTF_8);
  }
}
