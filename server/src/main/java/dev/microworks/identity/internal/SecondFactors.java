package dev.microworks.identity.internal;

import dev.microworks.identity.UserId;
import dev.microworks.identity.internal.totp.OtpAuthUri;
import dev.microworks.identity.internal.totp.QrCode;
import dev.microworks.identity.internal.totp.RecoveryCodes;
import dev.microworks.identity.internal.totp.Totp;
import dev.microworks.identity.internal.totp.TotpSecret;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.CredentialNotFoundException;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TOTP second factor of a user: enrolment, the check at sign-in, recovery codes, disabling.
 *
 * <p>The seed lives in the wallet only ({@link CredentialName#totpSeed}), decrypted for {@link
 * Access#mfa} by the user himself. A seed in the wallet while {@code app_user.totp_enabled} is
 * false is a pending enrolment: it is ignored at sign-in until a code confirms it. A code is
 * accepted once: its time step must be above {@code totp_last_step}, advanced atomically. {@value
 * #MAX_FAILURES} wrong codes in a row lock the second factor for {@link #LOCK_FOR}, refusing even
 * right codes. Audited as {@code identity.mfa.*}; never a code, a seed or a recovery code.
 */
@Service
class SecondFactors {

  static final int MAX_FAILURES = 10;
  static final Duration LOCK_FOR = Duration.ofMinutes(15);
  static final String ISSUER = "Microworks";
  private static final int WINDOW = 1;
  private static final String SEED = "seed";

  /** Where a user's second factor stands. */
  record Status(boolean enabled, boolean pending, int recoveryCodesLeft) {}

  /**
   * A begun enrolment, shown once to the enrolling user. Not a record: {@link #toString()} must not
   * print the secret.
   */
  static final class Enrolment {
    private final String otpauthUri;
    private final String secret;
    private final String qrSvg;

    private Enrolment(String otpauthUri, String secret, String qrSvg) {
      this.otpauthUri = otpauthUri;
      this.secret = secret;
      this.qrSvg = qrSvg;
    }

    String otpauthUri() {
      return otpauthUri;
    }

    /** The Base32 secret for manual entry. */
    String secret() {
      return secret;
    }

    String qrSvg() {
      return qrSvg;
    }

    @Override
    public String toString() {
      return "Enrolment[…]";
    }
  }

  /** How a code presented at sign-in fared. */
  enum Check {
    PASSED,
    RECOVERY_CODE_USED,
    WRONG,
    REPLAYED,
    LOCKED;

    boolean passed() {
      return this == PASSED || this == RECOVERY_CODE_USED;
    }
  }

  /** The answer to a code at sign-in, with the lock's end when locked. */
  record Outcome(Check check, Instant lockedUntil) {}

  private final JdbcClient jdbc;
  private final Wallet wallet;
  private final JdbcUsers users;
  private final Accounts accounts;
  private final Passwords passwords;
  private final IdentityAudit audit;
  private final Clock clock;
  private final Totp totp = Totp.sha1Six();

  SecondFactors(
      JdbcClient jdbc,
      Wallet wallet,
      JdbcUsers users,
      Accounts accounts,
      Passwords passwords,
      IdentityAudit audit,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.wallet = wallet;
    this.users = users;
    this.accounts = accounts;
    this.passwords = passwords;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  Status status(UserAuthentication who) {
    Account account = account(who);
    boolean seeded = wallet.info(account.tenant(), seedName(account.id())).isPresent();
    int left =
        jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = ? AND used_at IS NULL")
            .param(account.id().value())
            .query(Integer.class)
            .single();
    return new Status(account.totpEnabled(), seeded && !account.totpEnabled(), left);
  }

  /**
   * Begins (or begins again) an enrolment: a new seed in the wallet, not yet enabled.
   *
   * @throws IdentityException (409) if TOTP is enabled already: disable it first
   */
  Enrolment begin(UserAuthentication who) {
    Account account = account(who);
    if (account.totpEnabled()) {
      throw IdentityException.conflict(
          "TOTP is enabled already; disable it first to enrol a new authenticator");
    }
    TotpSecret secret = TotpSecret.generate();
    String base32 = secret.revealBase32();
    char[] seed = base32.toCharArray();
    try (SecretFields fields = SecretFields.of(Map.of(SEED, seed))) {
      wallet.put(account.tenant(), seedName(account.id()), fields, null, account.email());
    } finally {
      Arrays.fill(seed, '\0');
    }
    String uri = OtpAuthUri.build(ISSUER, account.email(), secret, totp);
    return new Enrolment(uri, base32, QrCode.encode(uri).svg(200));
  }

  /**
   * Confirms a pending enrolment with a code from the app: enables TOTP and answers ten new
   * recovery codes (only their hashes are kept). Empty when the code is wrong or nothing is
   * pending.
   */
  @Transactional
  Optional<List<String>> confirm(UserAuthentication who, String code) {
    Account account = account(who);
    if (account.totpEnabled()) {
      return Optional.empty();
    }
    OptionalLong step = verify(account, code);
    if (step.isEmpty()) {
      audit.refused(account.tenant(), account.email(), "mfa.enrolled", account.email());
      return Optional.empty();
    }
    jdbc.sql(
            "UPDATE app_user SET totp_enabled = true, totp_last_step = ?, totp_failures = 0,"
                + " totp_locked_until = NULL WHERE id = ?")
        .params(step.getAsLong(), account.id().value())
        .update();
    List<String> codes = replaceRecoveryCodes(account.id());
    audit.ok(account.tenant(), account.email(), "mfa.enrolled", account.email(), "method", "totp");
    return Optional.of(codes);
  }

  /**
   * Disables TOTP when {@code code} is a current code or {@code password} the user's password:
   * removes the seed and the recovery codes. Returns whether it did.
   */
  @Transactional
  boolean disable(UserAuthentication who, String code, String password) {
    Account account = account(who);
    if (!account.totpEnabled()) {
      return false;
    }
    boolean proven =
        (code != null && !code.isBlank() && verify(account, code).isPresent())
            || (password != null && !password.isEmpty() && passwordMatches(account, password));
    if (!proven) {
      audit.refused(account.tenant(), account.email(), "mfa.disabled", account.email());
      return false;
    }
    jdbc.sql(
            "UPDATE app_user SET totp_enabled = false, totp_last_step = NULL, totp_failures = 0,"
                + " totp_locked_until = NULL WHERE id = ?")
        .param(account.id().value())
        .update();
    jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(account.id().value()).update();
    wallet.delete(account.tenant(), seedName(account.id()), account.email());
    audit.ok(account.tenant(), account.email(), "mfa.disabled", account.email());
    return true;
  }

  /**
   * Checks the code of a sign-in at {@link Stage#SECOND_FACTOR}: a TOTP code (accepted once) or an
   * unused recovery code. Counts wrong codes; the {@value #MAX_FAILURES}th in a row locks.
   */
  Outcome check(UserAuthentication pending, String presented) {
    Account account = account(pending);
    Instant now = clock.instant();
    Instant lockUntil = now.plus(LOCK_FOR);
    OptionalInt attempt = countAttempt(account.id(), now, lockUntil);
    if (attempt.isEmpty()) {
      audit.refused(
          account.tenant(), account.email(), "mfa.failed", account.email(), "reason", "locked");
      return new Outcome(Check.LOCKED, lockedUntil(account.id()));
    }
    Check check = Check.WRONG;
    String code = presented == null ? "" : presented.strip();
    if (code.chars().allMatch(Character::isDigit)) {
      OptionalLong step = verify(account, code);
      if (step.isPresent()) {
        if (advance(account.id(), step.getAsLong())) {
          return passed(account, Check.PASSED);
        }
        check = Check.REPLAYED;
      }
    } else if (useRecoveryCode(account.id(), code, now)) {
      audit.ok(account.tenant(), account.email(), "mfa.recovery-code-used", account.email());
      return passed(account, Check.RECOVERY_CODE_USED);
    }
    audit.refused(
        account.tenant(),
        account.email(),
        "mfa.failed",
        account.email(),
        "reason",
        check == Check.REPLAYED ? "replayed" : "wrong_code");
    if (attempt.getAsInt() >= MAX_FAILURES) {
      audit.refused(
          account.tenant(),
          account.email(),
          "mfa.locked",
          account.email(),
          "minutes",
          Long.toString(LOCK_FOR.toMinutes()));
      return new Outcome(Check.LOCKED, lockUntil);
    }
    return new Outcome(check, null);
  }

  /**
   * Counts an attempt as a failure before the code is checked (a right code resets the count), so
   * that parallel guesses cannot all slip in before the lock: the row lock of the {@code UPDATE}
   * orders them, and the {@value #MAX_FAILURES}th sets the lock. An expired lock starts the count
   * again.
   *
   * @return the attempt's number in the run of failures; empty when locked
   */
  private OptionalInt countAttempt(UserId id, Instant now, Instant lockUntil) {
    String next = "CASE WHEN totp_locked_until IS NULL THEN totp_failures + 1 ELSE 1 END";
    return jdbc.sql(
            "UPDATE app_user SET totp_failures = "
                + next
                + ", totp_locked_until = CASE WHEN "
                + next
                + " >= ? THEN CAST(? AS TIMESTAMPTZ) ELSE NULL END"
                + " WHERE id = ? AND (totp_locked_until IS NULL OR totp_locked_until <= ?)"
                + " RETURNING totp_failures")
        .params(MAX_FAILURES, Timestamp.from(lockUntil), id.value(), Timestamp.from(now))
        .query(Integer.class)
        .optional()
        .map(OptionalInt::of)
        .orElse(OptionalInt.empty());
  }

  private Outcome passed(Account account, Check check) {
    jdbc.sql("UPDATE app_user SET totp_failures = 0, totp_locked_until = NULL WHERE id = ?")
        .param(account.id().value())
        .update();
    audit.ok(
        account.tenant(),
        account.email(),
        "mfa.passed",
        account.email(),
        "with",
        check == Check.PASSED ? "totp" : "recovery_code");
    return new Outcome(check, null);
  }

  /** Whether {@code step} is newer than every step accepted before; records it if so. */
  private boolean advance(UserId id, long step) {
    return jdbc.sql(
                "UPDATE app_user SET totp_last_step = ? WHERE id = ?"
                    + " AND (totp_last_step IS NULL OR totp_last_step < ?)")
            .params(step, id.value(), step)
            .update()
        == 1;
  }

  private boolean useRecoveryCode(UserId id, String code, Instant now) {
    if (RecoveryCodes.normalise(code).length() != RecoveryCodes.LENGTH) {
      return false;
    }
    byte[] hash = RecoveryCodes.hash(code);
    return jdbc.sql(
                "UPDATE recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ?"
                    + " AND used_at IS NULL")
            .params(Timestamp.from(now), id.value(), hash)
            .update()
        == 1;
  }

  private List<String> replaceRecoveryCodes(UserId id) {
    jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(id.value()).update();
    List<String> codes = RecoveryCodes.generate();
    for (String code : codes) {
      jdbc.sql("INSERT INTO recovery_code (user_id, code_hash) VALUES (?, ?)")
          .params(id.value(), RecoveryCodes.hash(code))
          .update();
    }
    return codes;
  }

  /** The step {@code code} matches for the user's seed (within one step either side). */
  private OptionalLong verify(Account account, String code) {
    if (code == null || code.isBlank()) {
      return OptionalLong.empty();
    }
    String userId = account.id().value().toString();
    char[] seed;
    try (SecretFields fields =
        wallet.open(account.tenant(), seedName(account.id()), Access.mfa(userId))) {
      seed = fields.get(SEED).orElseThrow();
    } catch (CredentialNotFoundException e) {
      return OptionalLong.empty();
    }
    byte[] secret = TotpSecret.fromBase32(java.nio.CharBuffer.wrap(seed)).revealBytes();
    Arrays.fill(seed, '\0');
    try {
      return totp.verify(secret, code.strip(), clock.instant(), WINDOW);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private boolean passwordMatches(Account account, String password) {
    Optional<String> hash = accounts.passwordHash(account.id());
    if (hash.isEmpty()) {
      passwords.decoyCheck(password);
      return false;
    }
    return passwords.matches(password, hash.get());
  }

  private Instant lockedUntil(UserId id) {
    return jdbc
        .sql("SELECT totp_locked_until FROM app_user WHERE id = ?")
        .param(id.value())
        .query((row, n) -> row.getTimestamp(1))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .map(Timestamp::toInstant)
        .findFirst()
        .orElse(null);
  }

  private Account account(UserAuthentication who) {
    return users.account(who.user().id()).orElseThrow();
  }

  private static CredentialName seedName(UserId id) {
    return CredentialName.totpSeed(id.value().toString());
  }
}
