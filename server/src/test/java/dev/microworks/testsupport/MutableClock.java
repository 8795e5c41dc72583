package dev.microworks.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move: it runs with the system clock from an offset that {@link #advance} and {@link
 * #set} change. Register it as the application's {@code Clock} bean.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  /** From now on, {@link #instant()} starts at {@code at}. */
  public void set(Instant at) {
    offset.set(Duration.between(Instant.now(), at));
  }

  public void reset() {
    offset.set(Duration.ZERO);
  }
}
