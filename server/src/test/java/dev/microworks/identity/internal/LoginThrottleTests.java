package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

  private final MovableClock clock = new MovableClock();
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginProperties(5, Duration.ofMinutes(15), Duration.ofMinutes(10), 4, 3), clock);

  @Test
  void anEmailIsRefusedAfterItsLimitOfFailures_untilTheWindowMovesOn() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.allows("10.0.0.1", "ada@example.org")).isTrue();
      throttle.failed("10.0.0." + i, "ada@example.org");
    }
    assertThat(throttle.allows("10.0.0.9", "ada@example.org")).isFalse();
    assertThat(throttle.allows("10.0.0.9", "bob@example.org")).isTrue();

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    assertThat(throttle.allows("10.0.0.9", "ada@example.org")).isTrue();
  }

  @Test
  void anAddressIsRefusedAfterItsLimit_whateverTheEmails() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("10.0.0.1", "user" + i + "@example.org");
    }
    assertThat(throttle.allows("10.0.0.1", "someone-new@example.org")).isFalse();
    assertThat(throttle.allows("10.0.0.2", "someone-new@example.org")).isTrue();
  }

  @Test
  void aSuccessClearsTheEmailsCountButNotTheAddresss() {
    throttle.failed("10.0.0.1", "ada@example.org");
    throttle.failed("10.0.0.1", "ada@example.org");
    throttle.succeeded("ada@example.org");
    throttle.failed("10.0.0.1", "ada@example.org");
    throttle.failed("10.0.0.1", "ada@example.org");
    assertThat(throttle.allows("10.0.0.2", "ada@example.org")).isTrue();
    assertThat(throttle.allows("10.0.0.1", "x@example.org")).isFalse();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
