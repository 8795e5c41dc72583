package dev.microworks.identity.internal;

import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing: Argon2id with Spring Security's 5.8 defaults (16 MiB, 2 iterations), stored
 * with its id ({@code {argon2@SpringSecurity_v5_8}...}) so the parameters can be raised later and
 * old hashes upgraded at the next sign-in. bcrypt hashes are accepted (imported accounts) and
 * upgraded the same way.
 */
@Component
class Passwords {

  private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

  private final PasswordEncoder encoder =
      new DelegatingPasswordEncoder(
          ARGON2,
          Map.of(
              ARGON2,
              Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
              "bcrypt",
              new BCryptPasswordEncoder()));

  /** A hash of a random password, so that checking against it costs what a real check costs. */
  private final String decoy = encoder.encode(java.util.UUID.randomUUID().toString());

  String hash(CharSequence password) {
    return encoder.encode(password);
  }

  boolean matches(CharSequence password, String hash) {
    return password != null && hash != null && encoder.matches(password, hash);
  }

  /**
   * Checks {@code password} against a decoy hash and forgets the answer: an unknown user, a locked
   * account and the bootstrap admin take as long to refuse as a wrong password does.
   */
  void decoyCheck(CharSequence password) {
    encoder.matches(password == null ? "" : password, decoy);
  }

  boolean needsRehash(String hash) {
    return encoder.upgradeEncoding(hash);
  }
}
