package dev.microworks.identity.internal;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A refused sign-in. Every reason gives the person signing in the same answer (no user
 * enumeration); the reason goes only to the audit log.
 */
final class LoginRefused extends BadCredentialsException {

  /** Why, for the audit log. */
  enum Reason {
    UNKNOWN_USER,
    WRONG_PASSWORD,
    LOCKED,
    DISABLED,
    NOT_LOCAL,
    /** The directory (LDAP) knows no such user, or the bind failed. */
    DIRECTORY_REFUSED,
    /** The directory could not be asked (unreachable, misconfigured search). */
    DIRECTORY_UNAVAILABLE,
    /** The directory vouched for the user, but provisioning refused the account. */
    PROVISIONING_REFUSED,
    /** Another sign-in provider refused it. */
    OTHER
  }

  static final String ANSWER = "E-mail address or password is wrong.";

  private final Reason reason;

  LoginRefused(Reason reason) {
    super(ANSWER);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
