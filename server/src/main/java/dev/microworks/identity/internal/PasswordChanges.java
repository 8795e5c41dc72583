package dev.microworks.identity.internal;

import dev.microworks.identity.UserSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A user changing the user's own password: the current one is checked (for the bootstrap admin
 * before its first password, the bootstrap token), the new one must pass the {@link
 * PasswordPolicy}. A wrong current password counts towards the lockout like a wrong sign-in.
 * Success ends the user's other sessions; the caller carries on with {@link #signedInAgain}.
 */
@Service
class PasswordChanges {

  /** Every problem at once; empty when the password was changed. */
  record Outcome(List<String> problems) {
    boolean changed() {
      return problems.isEmpty();
    }
  }

  private final JdbcUsers users;
  private final Accounts accounts;
  private final Passwords passwords;
  private final BootstrapToken bootstrapToken;
  private final IdentityAudit audit;
  private final LoginProperties properties;
  private final Clock clock;

  PasswordChanges(
      JdbcUsers users,
      Accounts accounts,
      Passwords passwords,
      BootstrapToken bootstrapToken,
      IdentityAudit audit,
      LoginProperties properties,
      Optional<Clock> clock) {
    this.users = users;
    this.accounts = accounts;
    this.passwords = passwords;
    this.bootstrapToken = bootstrapToken;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * Changes the password of {@code who}.
   *
   * @param repeat the new password typed again, or null where there is no second field (the API)
   */
  Outcome change(UserAuthentication who, String current, String next, String repeat) {
    Account account = users.account(who.user().id()).orElseThrow();
    if (account.source() != UserSource.LOCAL) {
      return new Outcome(
          List.of(
              "Your password is managed by your identity provider ("
                  + account.source()
                  + "); change it there."));
    }
    List<String> problems = new ArrayList<>();
    if (!currentMatches(account, current)) {
      boolean locked =
          accounts.recordFailure(
              account.id(), properties.maxFailedPasswords(), properties.lockout(), clock.instant());
      audit.refused(
          account.tenant(),
          account.email(),
          "password.changed",
          account.email(),
          "reason",
          "wrong_current_password",
          "locked",
          Boolean.toString(locked));
      problems.add("The current password is wrong.");
    }
    if (repeat != null && !repeat.equals(next)) {
      problems.add("The new password and its repetition differ.");
    }
    problems.addAll(PasswordPolicy.problems(next, account.email()));
    if (next != null && next.equals(current)) {
      problems.add("The new password must differ from the current one.");
    }
    if (!problems.isEmpty()) {
      return new Outcome(problems);
    }
    accounts.setPassword(account.id(), passwords.hash(next), false, clock.instant());
    audit.ok(
        account.tenant(),
        account.email(),
        "password.changed",
        account.email(),
        "via",
        who.method().name().toLowerCase(java.util.Locale.ROOT));
    return new Outcome(List.of());
  }

  /**
   * The authentication of {@code who} after a successful change: same method, the new session
   * epoch, no password change due any more.
   */
  UserAuthentication signedInAgain(UserAuthentication who) {
    Account account = users.account(who.user().id()).orElseThrow();
    Stage next = who.stage() == Stage.PASSWORD_CHANGE ? Stage.COMPLETE : who.stage();
    return who.with(next, users.effectiveRoles(account.id()), account.sessionEpoch());
  }

  private boolean currentMatches(Account account, String current) {
    Optional<String> hash = accounts.passwordHash(account.id());
    if (hash.isPresent()) {
      return passwords.matches(current, hash.get());
    }
    passwords.decoyCheck(current);
    return account.bootstrapAdmin() && bootstrapToken.matches(current);
  }
}
