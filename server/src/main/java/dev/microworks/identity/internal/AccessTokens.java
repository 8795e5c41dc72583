package dev.microworks.identity.internal;

import dev.microworks.identity.UserId;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal access tokens: {@code mwp_} and 43 base64url characters (32 random bytes). Only the
 * SHA-256 of a token is stored; the token is shown once, when created. A token works while it is
 * neither revoked nor expired and its user is active; it carries the user's current roles.
 */
@Service
class AccessTokens {

  static final String PREFIX = "mwp_";
  private static final int LENGTH = PREFIX.length() + 43;

  /** How often {@code last_used_at} is written at most: a busy token is not a write per call. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** A token's metadata: never the token. */
  record TokenInfo(
      UUID id,
      String name,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  /** A token just created: the only object that holds its value, for the one answer showing it. */
  static final class CreatedToken {
    private final TokenInfo info;
    private final String value;

    private CreatedToken(TokenInfo info, String value) {
      this.info = info;
      this.value = value;
    }

    TokenInfo info() {
      return info;
    }

    String reveal() {
      return value;
    }

    @Override
    public String toString() {
      return "CreatedToken[" + info.id() + ", mwp_…]";
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** When this node last wrote each token's last use: most calls then write nothing. */
  private final java.util.Map<UUID, Instant> touched =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final org.springframework.transaction.support.TransactionOperations transactions;

  AccessTokens(
      JdbcClient jdbc,
      org.springframework.transaction.support.TransactionOperations transactions,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  CreatedToken create(UserId user, String name, Instant expiresAt) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    TokenInfo info = new TokenInfo(UUID.randomUUID(), name, now, expiresAt, null, null);
    jdbc.sql(
            "INSERT INTO access_token (id, user_id, name, token_hash, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            info.id(),
            user.value(),
            name,
            Sha256.of(value),
            Timestamp.from(now),
            expiresAt == null ? null : Timestamp.from(expiresAt))
        .update();
    return new CreatedToken(info, value);
  }

  /** The user's tokens, newest first, revoked ones included. */
  List<TokenInfo> list(UserId user) {
    return jdbc.sql(
            "SELECT id, name, created_at, expires_at, last_used_at, revoked_at FROM access_token"
                + " WHERE user_id = ? ORDER BY created_at DESC, id")
        .param(user.value())
        .query((row, n) -> info(row))
        .list();
  }

  /**
   * Revokes one of the user's tokens; empty when the user has no such token (or it was revoked).
   */
  Optional<TokenInfo> revoke(UserId user, UUID id) {
    return jdbc.sql(
            "UPDATE access_token SET revoked_at = ? WHERE id = ? AND user_id = ?"
                + " AND revoked_at IS NULL"
                + " RETURNING id, name, created_at, expires_at, last_used_at, revoked_at")
        .params(Timestamp.from(clock.instant()), id, user.value())
        .query((row, n) -> info(row))
        .optional();
  }

  /**
   * The user a presented token belongs to, if it is a current token of an active user; notes its
   * use.
   */
  Optional<UserId> authenticate(String presented) {
    if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<UUID[]> found =
        jdbc.sql(
                "SELECT t.id, t.user_id FROM access_token t JOIN app_user u ON u.id = t.user_id"
                    + " WHERE t.token_hash = ? AND t.revoked_at IS NULL"
                    + " AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.status = 'ACTIVE'")
            .params(Sha256.of(presented), Timestamp.from(now))
            .query(
                (row, n) ->
                    new UUID[] {
                      row.getObject("id", UUID.class), row.getObject("user_id", UUID.class)
                    })
            .optional();
    found.ifPresent(ids -> touch(ids[0], now));
    return found.map(ids -> new UserId(ids[1]));
  }

  /**
   * Records a token's use at most once a minute per node, without waiting for the disk: losing the
   * last second of "last used" times in a crash costs nothing, a flush per API call costs a lot.
   */
  private void touch(UUID token, Instant now) {
    Instant last = touched.get(token);
    if (last != null && last.isAfter(now.minus(TOUCH_EVERY))) {
      return;
    }
    touched.put(token, now);
    if (touched.size() > 100_000) {
      touched.clear(); // bounded: forgetting only means one more write per token
    }
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
          jdbc.sql(
                  "UPDATE access_token SET last_used_at = ? WHERE id = ?"
                      + " AND (last_used_at IS NULL OR last_used_at < ?)")
              .params(Timestamp.from(now), token, Timestamp.from(now.minus(TOUCH_EVERY)))
              .update();
        });
  }

  private static TokenInfo info(ResultSet row) throws SQLException {
    return new TokenInfo(
        row.getObject("id", UUID.class),
        row.getString("name"),
        instant(row.getTimestamp("created_at")),
        instant(row.getTimestamp("expires_at")),
        instant(row.getTimestamp("last_used_at")),
        instant(row.getTimestamp("revoked_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
