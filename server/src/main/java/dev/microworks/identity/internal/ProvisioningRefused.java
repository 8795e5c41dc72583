package dev.microworks.identity.internal;

import org.springframework.security.core.AuthenticationException;

/**
 * An identity provider vouched for someone who may not sign in here: the account is disabled, its
 * e-mail belongs to another account, or the provider gave no usable e-mail. The message is for the
 * audit log and the administrator; the person signing in sees the generic sign-in failure.
 */
final class ProvisioningRefused extends AuthenticationException {

  ProvisioningRefused(String message) {
    super(message);
  }
}
