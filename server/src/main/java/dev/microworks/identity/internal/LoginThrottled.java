package dev.microworks.identity.internal;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed sign-ins from one address or for one e-mail address recently. Says nothing about
 * whether the account exists: unknown addresses are throttled alike.
 */
final class LoginThrottled extends AuthenticationException {

  static final String ANSWER = "Too many failed sign-ins. Wait a few minutes before trying again.";

  LoginThrottled() {
    super(ANSWER);
  }
}
