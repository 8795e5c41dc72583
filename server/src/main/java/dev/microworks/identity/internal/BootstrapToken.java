package dev.microworks.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bootstrap admin token: issued once, stored as its SHA-256 hash in table {@code
 * bootstrap_token} (migration V7), checked on every API request.
 */
@Service
class BootstrapToken {

  static final String PREFIX = "mwb_";
  private static final int RANDOM_BYTES = 32;

  /** {@code mwb_} and 43 base64url characters (32 bytes, unpadded). */
  private static final int LENGTH = PREFIX.length() + 43;

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  BootstrapToken(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Issues a token if none is stored. Safe when several nodes start at once: exactly one issues.
   *
   * @return the new token, or empty when one had been issued already
   */
  @Transactional
  Optional<IssuedToken> issueIfAbsent() {
    IssuedToken token = generate();
    int inserted =
        jdbc.sql(
                "INSERT INTO bootstrap_token (id, token_hash, issued_at) VALUES (1, ?, now())"
                    + " ON CONFLICT (id) DO NOTHING")
            .param(hash(token.reveal()))
            .update();
    return inserted == 1 ? Optional.of(token) : Optional.empty();
  }

  /** Issues a new token; the old one stops working at once. */
  @Transactional
  IssuedToken rotate() {
    IssuedToken token = generate();
    jdbc.sql(
            "INSERT INTO bootstrap_token (id, token_hash, issued_at) VALUES (1, ?, now())"
                + " ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash,"
                + " issued_at = EXCLUDED.issued_at")
        .param(hash(token.reveal()))
        .update();
    return token;
  }

  /** Whether {@code presented} is the current token; compares hashes in constant time. */
  boolean matches(String presented) {
    if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
      return false;
    }
    byte[] presentedHash = hash(presented);
    return jdbc.sql("SELECT token_hash FROM bootstrap_token WHERE id = 1")
        .query(byte[].class)
        .optional()
        .map(stored -> MessageDigest.isEqual(stored, presentedHash))
        .orElse(false);
  }

  private IssuedToken generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new IssuedToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
