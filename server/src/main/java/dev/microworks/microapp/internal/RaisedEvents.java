package dev.microworks.microapp.internal;

import dev.microworks.identity.UserId;
import dev.microworks.microapp.NotificationSink;
import dev.microworks.microapp.RawNotification;
import dev.microworks.tenant.TenantId;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The raw events raised so far ({@code notification_event}): idempotent recording, the sink called
 * for what is new, and expiry.
 */
@Component
class RaisedEvents {

  private final JdbcTemplate jdbc;
  private final NotificationSink sink;

  RaisedEvents(JdbcTemplate jdbc, NotificationSink sink) {
    this.jdbc = jdbc;
    this.sink = sink;
  }

  /** One raw event to record, with its idempotency key. */
  record Candidate(String idempotencyKey, RawNotification notification) {}

  /** A recorded, unexpired event. */
  record Active(UUID id, String microapp, String rule, String recordKey, List<UserId> users) {}

  /**
   * Records the candidates whose idempotency key is new and hands exactly those to the sink, in the
   * caller's transaction.
   *
   * @return how many were new
   */
  int raise(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return 0;
    }
    int[][] counts =
        jdbc.batchUpdate(
            "INSERT INTO notification_event (id, tenant_id, microapp_id, rule_id, integration_id,"
                + " table_name, record_key, idempotency_key, user_ids, raised_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            candidates,
            1000,
            (PreparedStatement statement, Candidate candidate) -> {
              RawNotification n = candidate.notification();
              statement.setObject(1, n.id());
              statement.setObject(2, n.tenant().value());
              statement.setString(3, n.microapp());
              statement.setString(4, n.rule());
              statement.setString(5, n.integration());
              statement.setString(6, n.table());
              statement.setString(7, n.recordKey().orElse(null));
              statement.setString(8, candidate.idempotencyKey());
              Array users =
                  statement
                      .getConnection()
                      .createArrayOf("uuid", n.users().stream().map(UserId::value).toArray());
              statement.setArray(9, users);
              statement.setTimestamp(10, Timestamp.from(n.raisedAt()));
            });
    List<RawNotification> fresh = new ArrayList<>();
    int index = 0;
    for (int[] batch : counts) {
      for (int count : batch) {
        // pgjdbc reports 1 for an inserted row, 0 for a conflict (not with reWriteBatchedInserts,
        // which reports neither: refuse to guess rather than raise twice)
        if (count != 0 && count != 1) {
          throw new IllegalStateException(
              "the JDBC driver did not report which notification events were new (is"
                  + " reWriteBatchedInserts on?)");
        }
        if (count == 1) {
          fresh.add(candidates.get(index).notification());
        }
        index++;
      }
    }
    if (!fresh.isEmpty()) {
      sink.raised(fresh);
    }
    return fresh.size();
  }

  /** The unexpired events about these records. */
  List<Active> active(TenantId tenant, String integration, String table, Collection<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT id, microapp_id, rule_id, record_key, user_ids FROM notification_event"
                      + " WHERE tenant_id = ? AND integration_id = ? AND table_name = ?"
                      + " AND record_key = ANY(?) AND expired_at IS NULL");
          statement.setObject(1, tenant.value());
          statement.setString(2, integration);
          statement.setString(3, table);
          statement.setArray(4, connection.createArrayOf("text", keys.toArray()));
          return statement;
        },
        (row, n) -> active(row));
  }

  /** The unexpired events of one microapp. */
  List<Active> activeOfMicroapp(TenantId tenant, String microapp) {
    return jdbc.query(
        "SELECT id, microapp_id, rule_id, record_key, user_ids FROM notification_event"
            + " WHERE tenant_id = ? AND microapp_id = ? AND expired_at IS NULL",
        (row, n) -> active(row),
        tenant.value(),
        microapp);
  }

  /** The unexpired events of one rule (unconditional rules replace their previous card). */
  List<Active> activeOfRule(TenantId tenant, String microapp, String rule) {
    return jdbc.query(
        "SELECT id, microapp_id, rule_id, record_key, user_ids FROM notification_event"
            + " WHERE tenant_id = ? AND microapp_id = ? AND rule_id = ? AND expired_at IS NULL",
        (row, n) -> active(row),
        tenant.value(),
        microapp,
        rule);
  }

  void expire(TenantId tenant, Collection<UUID> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE notification_event SET expired_at = ? WHERE id = ANY(?)");
          statement.setTimestamp(1, Timestamp.from(now));
          statement.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
          return statement;
        });
    sink.expired(tenant, ids);
  }

  void expireFor(TenantId tenant, Active event, Collection<UserId> gone) {
    if (gone.isEmpty()) {
      return;
    }
    List<UUID> remaining =
        event.users().stream().filter(u -> !gone.contains(u)).map(UserId::value).toList();
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE notification_event SET user_ids = ? WHERE id = ?");
          statement.setArray(1, connection.createArrayOf("uuid", remaining.toArray()));
          statement.setObject(2, event.id());
          return statement;
        });
    sink.expiredFor(tenant, event.id(), gone);
  }

  private static Active active(java.sql.ResultSet row) throws java.sql.SQLException {
    UUID[] users = (UUID[]) row.getArray("user_ids").getArray();
    List<UserId> ids = new ArrayList<>();
    for (UUID user : users) {
      ids.add(new UserId(user));
    }
    return new Active(
        row.getObject("id", UUID.class),
        row.getString("microapp_id"),
        row.getString("rule_id"),
        row.getString("record_key"),
        ids);
  }
}
