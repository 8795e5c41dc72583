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
    jdbc.batchUpdate(
        "INSERT INTO notice (id, tenant_id, microapp_id, rule_id, record_key, content, priority,"
            + " due_at, page_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING",
        list,
        1000,
        (PreparedStatement statement, RawNotification n) -> {
          statement.setObject(1, n.id());
          statement.setObject(2, n.tenant().value());
          statement.setString(3, n.microapp());
          statement.setString(4, n.rule());
          statement.setString(5, n.recordKey().orElse(null));
          statement.setBytes(6, content.seal(n.tenant(), n.id(), contentOf(n)));
          statement.setString(7, n.priority().name());
          statement.setTimestamp(8, n.dueAt().map(Timestamp::from).orElse(null));
          statement.setString(9, n.page().orElse(null));
          statement.setTimestamp(10, Timestamp.from(n.raisedAt()));
        });
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
    jdbc.batchUpdate(
        "INSERT INTO card (id, tenant_id, user_id, notice_id, microapp_id, score, score_factors,"
            + " created_at, state) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, 'ACTIVE')"
            + " ON CONFLICT (notice_id, user_id) DO NOTHING",
        cards,
        1000,
        (PreparedStatement statement, Pending pending) -> {
          FeedCard card = pending.card();
          statement.setObject(1, card.id());
          statement.setObject(2, pending.notice().tenant().value());
          statement.setObject(3, card.user());
          statement.setObject(4, pending.notice().id());
          statement.setString(5, card.microapp());
          statement.setDouble(6, card.score());
          statement.setString(7, JSON.writeValueAsString(card.why()));
          statement.setTimestamp(8, Timestamp.from(card.createdAt()));
        });
    announce(tenant, cards.stream().map(Pending::card).toList(), List.of());
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
    List<ExpiredCard> expired =
        jdbc.query(
            connection -> {
              PreparedStatement statement =
                  connection.prepareStatement(
                      "UPDATE card SET state = 'EXPIRED', state_at = ? WHERE tenant_id = ? AND"
                          + " notice_id = ANY(?) AND state = 'ACTIVE'"
                          + " RETURNING id, user_id, microapp_id");
              statement.setTimestamp(1, now);
              statement.setObject(2, tenant.value());
              statement.setArray(3, connection.createArrayOf("uuid", rawEventIds.toArray()));
              return statement;
            },
            (row, n) -> expiredCard(row));
    announce(tenant, List.of(), expired);
  }

  @Override
  public void expiredFor(TenantId tenant, UUID rawEventId, Collection<UserId> users) {
    if (users.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    List<ExpiredCard> expired =
        jdbc.query(
            connection -> {
              PreparedStatement statement =
                  connection.prepareStatement(
                      "UPDATE card SET state = 'EXPIRED', state_at = ? WHERE tenant_id = ? AND"
                          + " notice_id = ? AND user_id = ANY(?) AND state = 'ACTIVE'"
                          + " RETURNING id, user_id, microapp_id");
              statement.setTimestamp(1, now);
              statement.setObject(2, tenant.value());
              statement.setObject(3, rawEventId);
              statement.setArray(
                  4, connection.createArrayOf("uuid", users.stream().map(UserId::value).toArray()));
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
