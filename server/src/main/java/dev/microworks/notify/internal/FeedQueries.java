package dev.microworks.notify.internal;

import dev.microworks.notify.FeedCard;
import dev.microworks.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's feed: active cards that are not snoozed, by score then time (newest first), paged by
 * keyset (a cursor names the last card seen), so a page costs the same however deep it is.
 */
@Component
class FeedQueries {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<FeedCard.Reason>> REASONS = new TypeReference<>() {};

  private static final String COLUMNS =
      "c.id, c.user_id, c.microapp_id, c.score, c.score_factors, c.created_at, c.state,"
          + " c.read_at, c.snoozed_until, n.id AS notice_id, n.rule_id, n.record_key, n.content,"
          + " n.priority, n.due_at, n.page_id";

  private final JdbcTemplate jdbc;
  private final NoticeContent content;
  private final Clock clock;

  /**
   * Notices opened lately (one notice serves every recipient's card): decrypted once, not once per
   * card per page. Bounded; held in memory only, like everything the server decrypts to answer.
   */
  private final java.util.Map<UUID, NoticeContent.Content> opened =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(
                java.util.Map.Entry<UUID, NoticeContent.Content> eldest) {
              return size() > 10_000;
            }
          });

  FeedQueries(JdbcTemplate jdbc, NoticeContent content, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.content = content;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** Where a page ends: the last card's score, time and id. */
  record Cursor(double score, Instant createdAt, UUID id) {

    String encode() {
      String text = score + "|" + createdAt + "|" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when {@code text} is not one this server made. */
    static Optional<Cursor> decode(String text) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 3) {
          return Optional.empty();
        }
        return Optional.of(
            new Cursor(
                Double.parseDouble(parts[0]), Instant.parse(parts[1]), UUID.fromString(parts[2])));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** One page; {@code limit + 1} rows are read to know whether another page follows. */
  List<FeedCard> page(TenantId tenant, UUID user, Optional<Cursor> after, int limit) {
    Timestamp now = Timestamp.from(clock.instant());
    String keyset =
        after.isEmpty()
            ? ""
            : " AND (c.score < ? OR (c.score = ? AND (c.created_at < ? OR (c.created_at = ? AND"
                + " c.id < ?))))";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM card c JOIN notice n ON n.id = c.notice_id"
            + " WHERE c.user_id = ? AND c.tenant_id = ? AND c.state = 'ACTIVE'"
            + " AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?)"
            + keyset
            + " ORDER BY c.score DESC, c.created_at DESC, c.id DESC LIMIT ?";
    return jdbc.query(
        connection -> {
          var statement = connection.prepareStatement(sql);
          int i = 1;
          statement.setObject(i++, user);
          statement.setObject(i++, tenant.value());
          statement.setTimestamp(i++, now);
          if (after.isPresent()) {
            Cursor cursor = after.get();
            Timestamp at = Timestamp.from(cursor.createdAt());
            statement.setDouble(i++, cursor.score());
            statement.setDouble(i++, cursor.score());
            statement.setTimestamp(i++, at);
            statement.setTimestamp(i++, at);
            statement.setObject(i++, cursor.id());
          }
          statement.setInt(i, limit + 1);
          return statement;
        },
        (row, n) -> card(tenant, row));
  }

  /** One of the user's cards, whatever its state. */
  Optional<FeedCard> card(TenantId tenant, UUID user, UUID card) {
    return jdbc
        .query(
            "SELECT "
                + COLUMNS
                + " FROM card c JOIN notice n ON n.id = c.notice_id"
                + " WHERE c.id = ? AND c.user_id = ? AND c.tenant_id = ?",
            (row, n) -> card(tenant, row),
            card,
            user,
            tenant.value())
        .stream()
        .findFirst();
  }

  /** Active, unread and not snoozed. */
  long unread(TenantId tenant, UUID user) {
    Long count =
        jdbc.queryForObject(
            "SELECT count(*) FROM card WHERE user_id = ? AND tenant_id = ? AND state = 'ACTIVE'"
                + " AND read_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)",
            Long.class,
            user,
            tenant.value(),
            Timestamp.from(clock.instant()));
    return count == null ? 0 : count;
  }

  private FeedCard card(TenantId tenant, ResultSet row) throws SQLException {
    UUID notice = row.getObject("notice_id", UUID.class);
    NoticeContent.Content text = opened.get(notice);
    if (text == null) {
      text = content.open(tenant, notice, row.getBytes("content"));
      opened.put(notice, text);
    }
    return new FeedCard(
        row.getObject("id", UUID.class),
        row.getObject("user_id", UUID.class),
        row.getString("microapp_id"),
        text.microappTitle(),
        row.getString("rule_id"),
        Optional.ofNullable(row.getString("record_key")),
        text.title(),
        text.body(),
        text.fields(),
        row.getString("priority"),
        Optional.ofNullable(row.getTimestamp("due_at")).map(Timestamp::toInstant),
        Optional.ofNullable(row.getString("page_id")),
        text.actions(),
        row.getDouble("score"),
        JSON.readValue(row.getString("score_factors"), REASONS),
        row.getTimestamp("created_at").toInstant(),
        row.getString("state"),
        Optional.ofNullable(row.getTimestamp("read_at")).map(Timestamp::toInstant),
        Optional.ofNullable(row.getTimestamp("snoozed_until")).map(Timestamp::toInstant));
  }
}
