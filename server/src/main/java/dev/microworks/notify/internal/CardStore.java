package dev.microworks.notify.internal;

import dev.microworks.identity.UserId;
import dev.microworks.microapp.NotificationSink;
import dev.microworks.microapp.RawNotification;
import dev.microworks.notify.CardsPublished;
import dev.microworks.notify.CardsPublished.ExpiredCard;
import dev.microworks.notify.FeedCard;
import dev.microworks.scoring.Engagement;
import dev.microworks.scoring.Interactions;
import dev.microworks.scoring.Score;
import dev.microworks.scoring.ScoreRequest;
import dev.microworks.scoring.Scorer;
import dev.microworks.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns raw events into notices and scored cards, in the transaction that recorded the events, and
 * announces them ({@link CardsPublished}) once it commits.
 */
@Component
class CardStore implements NotificationSink {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final NoticeContent content;
  private final Scorer scorer;
  private final Interactions interactions;
  private final ApplicationEventPublisher publisher;
  private final FeedBus bus;
  private final Clock clock;

  CardStore(
      JdbcTemplate jdbc,
      NoticeContent content,
      Scorer scorer,
      Interactions interactions,
      ApplicationEventPublisher publisher,
      FeedBus bus,
      Optional<Clock> clock) {
    this.bus = bus;
    this.jdbc = jdbc;
    this.content = content;
    this.scorer = scorer;
    this.interactions = interactions;
    this.publisher = publisher;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public void raised(Collection<RawNotification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    List<RawNotification> list = new ArrayList<>(notifications);
    TenantId tenant = list.get(0).tenant();
    if (list.stream().anyMatch(n -> !n.tenant().equals(tenant))) {
      throw new IllegalArgumentException("raised notifications of several tenants at once");
    }
    insertNotices(list);
    Instant now = clock.instant();
    List<Pending> cards = new ArrayList<>();
    Map<String, Map<UUID, Engagement>> engagement = new java.util.HashMap<>();
    for (RawNotification n : list) {
      Map<UUID, Engagement> ofApp =
          engagement.computeIfAbsent(
              n.tenant().value() + "/" + n.microapp(),
              key -> interactions.engagement(n.tenant(), n.microapp(), usersOf(list, n)));
      for (UserId user : n.users()) {
        Score score =
            scorer.score(
                new ScoreRequest(
                    user.value(),
                    n.microapp(),
                    n.rule(),
                    n.priority().name(),
                    n.dueAt(),
                    now,
                    ofApp.getOrDefault(user.value(), Engagement.NONE)));
        cards.add(new Pending(card(n, user, score), n));
      }
    }
    insertCards(cards);
    announce(tenant, cards.stream().map(Pending::card).toList(), List.of());
  }

  /** One statement per 1000 notices: arrays unnested by PostgreSQL, not a statement per row. */
  private void insertNotices(List<RawNotification> notices) {
    for (int from = 0; from < notices.size(); from += 1000) {
      List<RawNotification> chunk = notices.subList(from, Math.min(notices.size(), from + 1000));
      jdbc.update(
          connection -> {
            PreparedStatement statement =
                connection.prepareStatement(
                    "INSERT INTO notice (id, tenant_id, microapp_id, rule_id, record_key, content,"
                        + " priority, due_at, page_id, created_at) SELECT i, t, m, r, k, b, p,"
                        + " CAST(d AS timestamptz), g, CAST(c AS timestamptz) FROM"
                        + " unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],"
                        + " ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " AS x(i, t, m, r, k, b, p, d, g, c) ON CONFLICT (id) DO NOTHING");
            int n = chunk.size();
            Object[][] columns = new Object[10][n];
            byte[][] contents = new byte[n][]; // pgjdbc takes bytea[] only as byte[][]
            for (int i = 0; i < n; i++) {
              RawNotification notice = chunk.get(i);
              columns[0][i] = notice.id();
              columns[1][i] = notice.tenant().value();
              columns[2][i] = notice.microapp();
              columns[3][i] = notice.rule();
              columns[4][i] = notice.recordKey().orElse(null);
              contents[i] = content.seal(notice.tenant(), notice.id(), contentOf(notice));
              columns[6][i] = notice.priority().name();
              // instants as ISO-8601 text: unambiguous whatever the session's time zone
              columns[7][i] = notice.dueAt().map(Instant::toString).orElse(null);
              columns[8][i] = notice.page().orElse(null);
              columns[9][i] = notice.raisedAt().toString();
            }
            String[] types = {
              "uuid", "uuid", "text", "text", "text", "bytea", "text", "text", "text", "text"
            };
            for (int c = 0; c < columns.length; c++) {
              statement.setArray(
                  c + 1, connection.createArrayOf(types[c], c == 5 ? contents : columns[c]));
            }
            return statement;
          });
    }
  }

  /** One statement per 5000 cards, as for notices. */
  private void insertCards(List<Pending> cards) {
    for (int from = 0; from < cards.size(); from += 5000) {
      List<Pending> chunk = cards.subList(from, Math.min(cards.size(), from + 5000));
      jdbc.update(
          connection -> {
            PreparedStatement statement =
                connection.prepareStatement(
                    "INSERT INTO card (id, tenant_id, user_id, notice_id, microapp_id, score,"
                        + " score_factors, created_at, state) SELECT i, t, u, n, m, s,"
                        + " CAST(f AS jsonb), CAST(c AS timestamptz), 'ACTIVE' FROM unnest(?::uuid[],"
                        + " ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::float8[], ?::text[],"
                        + " ?::text[]) AS x(i, t, u, n, m, s, f, c)"
                        + " ON CONFLICT (notice_id, user_id) DO NOTHING");
            int n = chunk.size();
            Object[][] columns = new Object[8][n];
            for (int i = 0; i < n; i++) {
              FeedCard card = chunk.get(i).card();
              columns[0][i] = card.id();
              columns[1][i] = chunk.get(i).notice().tenant().value();
              columns[2][i] = card.user();
              columns[3][i] = chunk.get(i).notice().id();
              columns[4][i] = card.microapp();
              columns[5][i] = card.score();
              columns[6][i] = JSON.writeValueAsString(card.why());
              columns[7][i] = card.createdAt().toString();
            }
            String[] types = {"uuid", "uuid", "uuid", "uuid", "text", "float8", "text", "text"};
            for (int c = 0; c < columns.length; c++) {
              statement.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
            }
            return statement;
          });
    }
  }

  @Override
  public void expired(TenantId tenant, Collection<UUID> rawEventIds) {
    if (rawEventIds.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement("UPDATE notice SET expired_at = ? WHERE id = ANY(?)");
          statement.setTimestamp(1, now);
          statement.setArray(2, connection.createArrayOf("uuid", rawEventIds.toArray()));
          return statement;
        });
    expireCards(tenant, now, "notice_id = ANY(?)", rawEventIds.toArray(), null);
  }

  @Override
  public void expiredFor(TenantId tenant, UUID rawEventId, Collection<UserId> users) {
    if (users.isEmpty()) {
      return;
    }
    expireCards(
        tenant,
        Timestamp.from(clock.instant()),
        "notice_id = ? AND user_id = ANY(?)",
        new Object[] {rawEventId},
        users.stream().map(UserId::value).toArray());
  }

  /**
   * Expires the active cards matching {@code where} (its first parameter: one notice id, or an
   * array of them when {@code users} is null; then the users) and announces them.
   */
  private void expireCards(
      TenantId tenant, Timestamp now, String where, Object[] notices, Object[] users) {
    List<ExpiredCard> expired =
        jdbc.query(
            connection -> {
              PreparedStatement statement =
                  connection.prepareStatement(
                      "UPDATE card SET state = 'EXPIRED', state_at = ? WHERE tenant_id = ? AND "
                          + where
                          + " AND state = 'ACTIVE' RETURNING id, user_id, microapp_id");
              statement.setTimestamp(1, now);
              statement.setObject(2, tenant.value());
              if (users == null) {
                statement.setArray(3, connection.createArrayOf("uuid", notices));
              } else {
                statement.setObject(3, notices[0]);
                statement.setArray(4, connection.createArrayOf("uuid", users));
              }
              return statement;
            },
            (row, n) -> expiredCard(row));
    announce(tenant, List.of(), expired);
  }

  private static ExpiredCard expiredCard(java.sql.ResultSet row) throws java.sql.SQLException {
    return new ExpiredCard(
        row.getObject("id", UUID.class),
        row.getObject("user_id", UUID.class),
        row.getString("microapp_id"));
  }

  /** A card and the raw event it comes from, until inserted. */
  private record Pending(FeedCard card, RawNotification notice) {}

  private FeedCard card(RawNotification n, UserId user, Score score) {
    UUID id = UUID.randomUUID();
    return new FeedCard(
        id,
        user.value(),
        n.microapp(),
        n.microappTitle(),
        n.rule(),
        n.recordKey(),
        n.title(),
        n.body(),
        n.fields().stream().map(f -> new FeedCard.Field(f.label(), f.value())).toList(),
        n.priority().name(),
        n.dueAt(),
        n.page(),
        n.actions().stream().map(b -> new FeedCard.Button(b.id(), b.label())).toList(),
        score.value(),
        score.factors().stream()
            .map(f -> new FeedCard.Reason(f.name(), f.contribution(), f.reason()))
            .toList(),
        n.raisedAt(),
        "ACTIVE",
        Optional.empty(),
        Optional.empty());
  }

  private static Set<UUID> usersOf(List<RawNotification> list, RawNotification of) {
    Set<UUID> users = new HashSet<>();
    for (RawNotification n : list) {
      if (n.microapp().equals(of.microapp()) && n.tenant().equals(of.tenant())) {
        n.users().forEach(u -> users.add(u.value()));
      }
    }
    return users;
  }

  private static NoticeContent.Content contentOf(RawNotification n) {
    return new NoticeContent.Content(
        n.microappTitle(),
        n.title(),
        n.body(),
        n.fields().stream().map(f -> new FeedCard.Field(f.label(), f.value())).toList(),
        n.actions().stream().map(b -> new FeedCard.Button(b.id(), b.label())).toList());
  }

  /** Publishes after commit; several calls in one transaction make one announcement each. */
  private void announce(TenantId tenant, List<FeedCard> created, List<ExpiredCard> expired) {
    if (created.isEmpty() && expired.isEmpty()) {
      return;
    }
    List<FeedBus.Update> updates = new ArrayList<>();
    for (FeedCard card : created) {
      updates.add(new FeedBus.Update('c', tenant, card.user(), card.id(), "ACTIVE"));
    }
    for (ExpiredCard card : expired) {
      updates.add(new FeedBus.Update('e', tenant, card.user(), card.card(), "EXPIRED"));
    }
    // delivered by PostgreSQL when (and if) this transaction commits
    bus.send(updates);
    CardsPublished published = new CardsPublished(tenant, created, expired);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              publisher.publishEvent(published);
            }
          });
    } else {
      publisher.publishEvent(published);
    }
  }
}
