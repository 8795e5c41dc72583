package dev.microworks.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on password sign-in ({@code microworks.identity.login.*}).
 *
 * @param maxFailedPasswords wrong passwords in a row that lock a local account
 * @param lockout how long a locked account stays locked
 * @param throttleWindow the window the two throttles below count failed sign-ins in
 * @param maxFailuresPerAddress failed sign-ins from one client address within the window before
 *     that address is refused for the rest of it
 * @param maxFailuresPerEmail failed sign-ins for one e-mail address (known or not) within the
 *     window before sign-ins for it are refused for the rest of it
 */
@ConfigurationProperties("microworks.identity.login")
record LoginProperties(
    @DefaultValue("5") int maxFailedPasswords,
    @DefaultValue("15m") Duration lockout,
    @DefaultValue("15m") Duration throttleWindow,
    @DefaultValue("50") int maxFailuresPerAddress,
    @DefaultValue("10") int maxFailuresPerEmail) {

  LoginProperties {
    positive(maxFailedPasswords, "max-failed-passwords");
    positive(maxFailuresPerAddress, "max-failures-per-address");
    positive(maxFailuresPerEmail, "max-failures-per-email");
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException(
          "microworks.identity.login.lockout must be positive, was " + lockout);
    }
    if (throttleWindow.isNegative() || throttleWindow.isZero()) {
      throw new IllegalArgumentException(
          "microworks.identity.login.throttle-window must be positive, was " + throttleWindow);
    }
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "microworks.identity.login." + name + " must be 1 or more, was " + value);
    }
  }
}
