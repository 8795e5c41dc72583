package dev.microworks.integration.internal.http;

import java.time.Duration;

/** Waits. Injected so tests record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Real {@link Thread#sleep}. */
  Sleeper SYSTEM =
      duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  void sleep(Duration duration) throws InterruptedException;
}
