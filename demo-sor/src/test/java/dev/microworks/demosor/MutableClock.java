package dev.microworks.demosor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock that tests move forward by hand; it starts at the real now. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC only");
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves the clock forward and returns the new now. */
  public synchronized Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }
}
