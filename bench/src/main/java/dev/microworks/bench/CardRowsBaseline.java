package dev.microworks.bench;

import dev.microworks.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The notification benchmark's baseline: the pipeline's rows for N cards, written by JDBC alone.
 */
final class CardRowsBaseline {

  private CardRowsBaseline() {}

  /**
   * What the database alone does with the rows the measured sync makes: per card (each rule match
   * notifies one user) a {@code notification_event}, a {@code notice} (200 random bytes of content)
   * and a {@code card} row, INSERTed into the real tables (their indexes, constraints and foreign
   * keys) by JDBC batches of 1,000 with the server's statements, a commit per 2,000 cards (about
   * one page's). The caller truncates them again.
   */
  static double insert(DataSource dataSource, long cards, List<String> rules) throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT id FROM app_user WHERE email LIKE 'user%'")) {
      while (result.next()) {
        ids.add(result.getObject(1, UUID.class));
      }
    }
    String factors =
        "[{\"factor\":\"priority\",\"contribution\":0.5,\"reason\":\"normal priority\"},"
            + "{\"factor\":\"recency\",\"contribution\":0.3,\"reason\":\"new\"}]";
    ThreadLocalRandom random = ThreadLocalRandom.current();
    UUID tenant = TenantId.DEFAULT.value();
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        var event =
            connection.prepareStatement(
                "INSERT INTO notification_event (id, tenant_id, microapp_id, rule_id,"
                    + " integration_id, table_name, record_key, idempotency_key, user_ids,"
                    + " raised_at) VALUES (?, ?, 'bench', ?, 'bench', 'records', ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING");
        var notice =
            connection.prepareStatement(
                "INSERT INTO notice (id, tenant_id, microapp_id, rule_id, record_key, content,"
                    + " priority, due_at, page_id, created_at)"
                    + " VALUES (?, ?, 'bench', ?, ?, ?, 'NORMAL', NULL, NULL, ?)"
                    + " ON CONFLICT (id) DO NOTHING");
        var card =
            connection.prepareStatement(
                "INSERT INTO card (id, tenant_id, user_id, notice_id, microapp_id, score,"
                    + " score_factors, created_at, state)"
                    + " VALUES (?, ?, ?, ?, 'bench', ?, CAST(? AS jsonb), ?, 'ACTIVE')"
                    + " ON CONFLICT (notice_id, user_id) DO NOTHING")) {
      connection.setAutoCommit(false);
      List<PreparedStatement> statements = List.of(event, notice, card);
      for (long i = 0; i < cards; i++) {
        UUID id = UUID.randomUUID();
        UUID user = ids.get((int) (i % ids.size()));
        String rule = rules.get((int) (i % rules.size()));
        String key = "R-" + i;
        Timestamp now = Timestamp.from(Instant.now());
        event.setObject(1, id);
        event.setObject(2, tenant);
        event.setString(3, rule);
        event.setString(4, key);
        event.setString(5, rule + "|" + key + "|v1");
        event.setArray(6, connection.createArrayOf("uuid", new Object[] {user}));
        event.setTimestamp(7, now);
        notice.setObject(1, id);
        notice.setObject(2, tenant);
        notice.setString(3, rule);
        notice.setString(4, key);
        byte[] content = new byte[200];
        random.nextBytes(content);
        notice.setBytes(5, content);
        notice.setTimestamp(6, now);
        card.setObject(1, UUID.randomUUID());
        card.setObject(2, tenant);
        card.setObject(3, user);
        card.setObject(4, id);
        card.setDouble(5, random.nextDouble());
        card.setString(6, factors);
        card.setTimestamp(7, now);
        for (PreparedStatement statement : statements) {
          statement.addBatch();
        }
        if ((i + 1) % 1000 == 0 || i == cards - 1) {
          for (PreparedStatement statement : statements) {
            statement.executeBatch();
          }
        }
        if ((i + 1) % 2000 == 0 || i == cards - 1) {
          connection.commit();
        }
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
