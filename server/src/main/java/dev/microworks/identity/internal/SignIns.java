package dev.microworks.identity.internal;

import dev.microworks.identity.SignedInUser;
import dev.microworks.identity.UserSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Turns a proven identity into the request's {@link UserAuthentication}, whatever proved it: the
 * local password, an LDAP bind, an OIDC login, a token. Every sign-in method ends here, so stages
 * (second factor, password change) and roles work the same for all of them.
 *
 * <p>Stages, in order: a second factor when the user has TOTP enabled and signed in with a password
 * (local or LDAP); then a password change when a local account must change it; then complete.
 * Tokens are always complete (they were created by a completed sign-in).
 */
@Component
class SignIns {

  private final JdbcUsers users;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  SignIns(JdbcUsers users) {
    this.users = users;
  }

  /** The authentication of {@code account} just proven by {@code method}, at its first stage. */
  UserAuthentication signIn(Account account, SignInMethod method) {
    Stage stage;
    if (!method.session()) {
      stage = Stage.COMPLETE;
    } else if (account.totpEnabled()
        && (method == SignInMethod.PASSWORD || method == SignInMethod.LDAP)) {
      stage = Stage.SECOND_FACTOR;
    } else {
      stage = afterSecondFactor(account);
    }
    return new UserAuthentication(
        principal(account),
        method,
        stage,
        users.effectiveRoles(account.id()),
        account.sessionEpoch());
  }

  /**
   * The next stage after the second factor was checked: for the TOTP step to call once the code (or
   * a recovery code) was accepted, followed by {@link #establish}.
   */
  UserAuthentication secondFactorPassed(UserAuthentication pending) {
    if (pending.stage() != Stage.SECOND_FACTOR) {
      throw new IllegalStateException("no second factor is due for " + pending.getName());
    }
    Account account = users.account(pending.user().id()).orElseThrow();
    return pending.with(
        afterSecondFactor(account), users.effectiveRoles(account.id()), account.sessionEpoch());
  }

  /**
   * Makes {@code authentication} the session's: a new session id (the sign-in moved up a stage, so
   * an id seen before must not carry it), then the security context saved in the session.
   */
  void establish(
      UserAuthentication authentication, HttpServletRequest request, HttpServletResponse response) {
    request.getSession(true);
    request.changeSessionId();
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(authentication);
    contexts.setContext(context);
    sessions.saveContext(context, request, response);
  }

  static SignedInUser principal(Account account) {
    return new SignedInUser(account.id(), account.tenant(), account.email(), account.displayName());
  }

  private static Stage afterSecondFactor(Account account) {
    return account.source() == UserSource.LOCAL && account.mustChangePassword()
        ? Stage.PASSWORD_CHANGE
        : Stage.COMPLETE;
  }
}
