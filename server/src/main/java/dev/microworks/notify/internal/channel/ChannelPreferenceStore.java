package dev.microworks.notify.internal.channel;

import dev.microworks.identity.UserId;
import dev.microworks.notify.internal.channel.ChannelPreferences.EmailMode;
import dev.microworks.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Users' channel preferences (table {@code channel_preference}); defaults for users without. */
@Component
class ChannelPreferenceStore {

  private final JdbcClient jdbc;
  private final Clock clock;

  ChannelPreferenceStore(JdbcClient jdbc, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  ChannelPreferences find(TenantId tenant, UserId user) {
    return jdbc.sql(
            "SELECT email_enabled, email_mode, slack_enabled, teams_enabled FROM channel_preference"
                + " WHERE tenant_id = ? AND user_id = ?")
        .params(tenant.value(), user.value())
        .query(
            (row, n) ->
                new ChannelPreferences(
                    row.getBoolean(1),
                    EmailMode.valueOf(row.getString(2)),
                    row.getBoolean(3),
                    row.getBoolean(4)))
        .optional()
        .orElse(ChannelPreferences.DEFAULTS);
  }

  /** Of these users, those who turned a webhook channel (Slack, Teams) on. */
  java.util.Set<java.util.UUID> withWebhooks(
      TenantId tenant, java.util.Collection<java.util.UUID> users) {
    if (users.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        jdbc.sql(
                "SELECT user_id FROM channel_preference WHERE tenant_id = :tenant"
                    + " AND user_id = ANY(CAST(:users AS uuid[])) AND (slack_enabled OR teams_enabled)")
            .param("tenant", tenant.value())
            .param(
                "users",
                users.stream()
                    .map(java.util.UUID::toString)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}")))
            .query(java.util.UUID.class)
            .list());
  }

  void save(TenantId tenant, UserId user, ChannelPreferences preferences) {
    jdbc.sql(
            "INSERT INTO channel_preference (tenant_id, user_id, email_enabled, email_mode,"
                + " slack_enabled, teams_enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET"
                + " email_enabled = EXCLUDED.email_enabled, email_mode = EXCLUDED.email_mode,"
                + " slack_enabled = EXCLUDED.slack_enabled, teams_enabled = EXCLUDED.teams_enabled,"
                + " updated_at = EXCLUDED.updated_at")
        .params(
            tenant.value(),
            user.value(),
            preferences.emailEnabled(),
            preferences.emailMode().name(),
            preferences.slackEnabled(),
            preferences.teamsEnabled(),
            Timestamp.from(clock.instant()))
        .update();
  }
}
