package dev.microworks.identity.internal;

import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Local accounts: e-mail and password checked against the Argon2id hash, the lockout after {@link
 * LoginProperties#maxFailedPasswords()} wrong passwords in a row, and the bootstrap admin whose
 * first password is the bootstrap token.
 *
 * <p>No user enumeration: an unknown e-mail, a wrong password, a locked or disabled account all end
 * in the same {@link LoginRefused}, and each runs one password-hash check first (against a decoy
 * where there is no hash), so they take about as long. Accounts of an identity provider (OIDC,
 * LDAP) are refused here the same way; a provider after this one may still accept them.
 */
final class LocalPasswordAuthenticationProvider implements AuthenticationProvider {

  private final JdbcUsers users;
  private final Accounts accounts;
  private final Passwords passwords;
  private final BootstrapToken bootstrapToken;
  private final SignIns signIns;
  private final IdentityAudit audit;
  private final LoginProperties properties;
  private final Clock clock;

  LocalPasswordAuthenticationProvider(
      JdbcUsers users,
      Accounts accounts,
      Passwords passwords,
      BootstrapToken bootstrapToken,
      SignIns signIns,
      IdentityAudit audit,
      LoginProperties properties,
      Clock clock) {
    this.users = users;
    this.accounts = accounts;
    this.passwords = passwords;
    this.bootstrapToken = bootstrapToken;
    this.signIns = signIns;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String email = Emails.normalise(attempt.getName());
    String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
    Optional<Account> found = users.account(TenantId.DEFAULT, email);
    if (found.isEmpty()) {
      passwords.decoyCheck(password);
      throw new LoginRefused(LoginRefused.Reason.UNKNOWN_USER);
    }
    Account account = found.get();
    if (account.source() != UserSource.LOCAL) {
      passwords.decoyCheck(password);
      throw new LoginRefused(LoginRefused.Reason.NOT_LOCAL);
    }
    Optional<String> hash = accounts.passwordHash(account.id());
    boolean correct;
    if (hash.isEmpty() && account.bootstrapAdmin()) {
      // until it sets a password, the bootstrap admin's password is the bootstrap token
      passwords.decoyCheck(password);
      correct = bootstrapToken.matches(password);
    } else if (hash.isEmpty()) {
      passwords.decoyCheck(password);
      correct = false;
    } else {
      correct = passwords.matches(password, hash.get());
    }
    Instant now = clock.instant();
    if (account.lockedAt(now)) {
      throw new LoginRefused(LoginRefused.Reason.LOCKED);
    }
    if (!account.active()) {
      throw new LoginRefused(LoginRefused.Reason.DISABLED);
    }
    if (!correct) {
      if (accounts.recordFailure(
          account.id(), properties.maxFailedPasswords(), properties.lockout(), now)) {
        audit.refused(
            account.tenant(),
            IdentityAudit.ANONYMOUS,
            "login.locked",
            account.email(),
            "failed_passwords",
            Integer.toString(properties.maxFailedPasswords()),
            "locked_for",
            properties.lockout().toString());
      }
      throw new LoginRefused(LoginRefused.Reason.WRONG_PASSWORD);
    }
    accounts.recordSuccess(account.id());
    hash.filter(passwords::needsRehash)
        .ifPresent(old -> accounts.rehash(account.id(), passwords.hash(password)));
    return signIns.signIn(account, SignInMethod.PASSWORD);
  }
}
