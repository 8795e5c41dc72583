package dev.microworks.bench;

import dev.microworks.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Users {@code user0@example.com} … (the fast source's assignees) created by SQL: local accounts
 * without password, role USER, and optionally one personal access token each.
 */
final class BenchUsers {

  private BenchUsers() {}

  /** Creates {@code count} users. */
  static void create(DataSource dataSource, int count) throws Exception {
    try (Connection connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO app_user (id, tenant_id, email, display_name, status, source)"
                    + " SELECT gen_random_uuid(), ?, 'user' || g || '@example.com', 'User ' || g,"
                    + " 'ACTIVE', 'LOCAL' FROM generate_series(0, ? - 1) g");
        var roles = connection.createStatement()) {
      insert.setObject(1, TenantId.DEFAULT.value());
      insert.setInt(2, count);
      insert.executeUpdate();
      roles.executeUpdate(
          "INSERT INTO user_role (user_id, role) SELECT id, 'USER' FROM app_user"
              + " WHERE email LIKE 'user%@example.com'");
    }
  }

  /**
   * One personal access token for every user created here ({@code mwp_} and 43 base64url
   * characters, stored as its SHA-256, as the server makes them); returns the tokens.
   */
  static List<String> tokens(DataSource dataSource) throws Exception {
    SecureRandom random = new SecureRandom();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    List<String> tokens = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        var users =
            connection.prepareStatement(
                "SELECT id FROM app_user WHERE email LIKE 'user%@example.com' ORDER BY email");
        var insert =
            connection.prepareStatement(
                "INSERT INTO access_token (id, user_id, name, token_hash, created_at)"
                    + " VALUES (?, ?, 'bench', ?, ?)")) {
      connection.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      try (var rows = users.executeQuery()) {
        while (rows.next()) {
          byte[] secret = new byte[32];
          random.nextBytes(secret);
          String token = "mwp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
          tokens.add(token);
          insert.setObject(1, UUID.randomUUID());
          insert.setObject(2, rows.getObject(1, UUID.class));
          insert.setBytes(3, sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
          insert.setTimestamp(4, now);
          insert.addBatch();
          if (tokens.size() % 1000 == 0) {
            insert.executeBatch();
          }
        }
      }
      insert.executeBatch();
      connection.commit();
    }
    return tokens;
  }
}
