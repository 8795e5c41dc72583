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
    /** Another sign-in provider (LDAP) refused it. */
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
