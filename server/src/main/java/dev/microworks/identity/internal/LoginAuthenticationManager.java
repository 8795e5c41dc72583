package dev.microworks.identity.internal;

import dev.microworks.tenant.TenantId;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in form's authentication manager: the throttle in front, the audit log behind, and the
 * password providers in between, tried in order (the local accounts first; an LDAP provider is
 * added to the list). The first provider that accepts wins; when none does, the answer is the same
 * whatever the reason.
 */
final class LoginAuthenticationManager implements AuthenticationManager {

  private final ProviderManager providers;
  private final LoginThrottle throttle;
  private final IdentityAudit audit;

  LoginAuthenticationManager(
      List<AuthenticationProvider> providers, LoginThrottle throttle, IdentityAudit audit) {
    this.providers = new ProviderManager(providers);
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String email = Emails.forAudit(attempt.getName());
    String address =
        attempt.getDetails() instanceof WebAuthenticationDetails details
            ? String.valueOf(details.getRemoteAddress())
            : "unknown";
    if (!throttle.allows(address, email)) {
      audit.refused(
          TenantId.DEFAULT,
          IdentityAudit.ANONYMOUS,
          "login.failed",
          email,
          "reason",
          "throttled",
          "address",
          address);
      throw new LoginThrottled();
    }
    Authentication result;
    try {
      result = providers.authenticate(attempt);
    } catch (AuthenticationException refused) {
      throttle.failed(address, email);
      String reason =
          refused instanceof LoginRefused known
              ? known.reason().name().toLowerCase(java.util.Locale.ROOT)
              : "refused";
      audit.refused(
          TenantId.DEFAULT,
          IdentityAudit.ANONYMOUS,
          "login.failed",
          email,
          "reason",
          reason,
          "address",
          address);
      // one answer for every reason, whatever the provider said
      throw refused instanceof LoginRefused ? refused : new LoginRefused(LoginRefused.Reason.OTHER);
    }
    throttle.succeeded(email);
    if (result instanceof UserAuthentication user) {
      audit.ok(
          user.user().tenant(),
          user.getName(),
          "login",
          user.getName(),
          "method",
          user.method().name().toLowerCase(java.util.Locale.ROOT),
          "address",
          address,
          "next",
          user.stage().name().toLowerCase(java.util.Locale.ROOT));
      return result;
    }
    throw new IllegalStateException(
        "a sign-in provider answered "
            + result.getClass().getName()
            + "; providers must answer through SignIns.signIn");
  }
}
