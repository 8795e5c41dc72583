package dev.microworks.scoring.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.microworks.scoring.Engagement;
import dev.microworks.scoring.InteractionKind;
import dev.microworks.scoring.Interactions;
import dev.microworks.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Interactions in {@code interaction}; purged after 13 months by a daily task. */
@Configuration(proxyBeanMethods = false)
class JdbcInteractions implements Interactions {

  private static final Logger log = LoggerFactory.getLogger(JdbcInteractions.class);
  static final Duration WINDOW = Duration.ofDays(90);
  static final java.time.Period RETENTION = java.time.Period.ofMonths(13);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  JdbcInteractions(JdbcTemplate jdbc, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public void record(TenantId tenant, UUID user, String microapp, UUID card, InteractionKind kind) {
    jdbc.update(
        "INSERT INTO interaction (tenant_id, user_id, microapp_id, card_id, kind, at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        tenant.value(),
        user,
        microapp,
        card,
        kind.name(),
        Timestamp.from(clock.instant()));
  }

  @Override
  public Map<UUID, Engagement> engagement(
      TenantId tenant, String microapp, Collection<UUID> users) {
    Map<UUID, long[]> counts = new HashMap<>();
    if (users.isEmpty()) {
      return Map.of();
    }
    jdbc.query(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT user_id, kind, count(*) FROM interaction WHERE tenant_id = ? AND"
                      + " microapp_id = ? AND user_id = ANY(?) AND at >= ? GROUP BY user_id, kind");
          statement.setObject(1, tenant.value());
          statement.setString(2, microapp);
          statement.setArray(3, connection.createArrayOf("uuid", users.toArray()));
          statement.setTimestamp(4, Timestamp.from(clock.instant().minus(WINDOW)));
          return statement;
        },
        row -> {
          long[] c = counts.computeIfAbsent(row.getObject(1, UUID.class), u -> new long[3]);
          c[InteractionKind.valueOf(row.getString(2)).ordinal()] = row.getLong(3);
        });
    Map<UUID, Engagement> result = new HashMap<>();
    counts.forEach((user, c) -> result.put(user, new Engagement(c[0], c[1], c[2])));
    return result;
  }

  @Override
  public Map<String, Map<InteractionKind, Long>> summary(TenantId tenant, int days) {
    Map<String, Map<InteractionKind, Long>> result = new TreeMap<>();
    jdbc.query(
        "SELECT microapp_id, kind, count(*) FROM interaction WHERE tenant_id = ? AND at >= ?"
            + " GROUP BY microapp_id, kind",
        row -> {
          result
              .computeIfAbsent(row.getString(1), m -> new EnumMap<>(InteractionKind.class))
              .put(InteractionKind.valueOf(row.getString(2)), row.getLong(3));
        },
        tenant.value(),
        Timestamp.from(clock.instant().minus(Duration.ofDays(days))));
    return result;
  }

  /** Removes interactions older than 13 months; returns how many. */
  int purge() {
    Instant cutoff = clock.instant().atZone(java.time.ZoneOffset.UTC).minus(RETENTION).toInstant();
    int removed = jdbc.update("DELETE FROM interaction WHERE at < ?", Timestamp.from(cutoff));
    if (removed > 0) {
      log.info("Removed {} interactions older than 13 months", removed);
    }
    return removed;
  }

  @Bean
  RecurringTask<Void> interactionRetentionTask() {
    return Tasks.recurring("interaction-retention", Schedules.daily(LocalTime.of(3, 41)))
        .execute((instance, context) -> purge());
  }
}
