package dev.microworks.integration.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code requests} per {@code window}, for one integration, bursts up to {@code requests}.
 */
public record RateLimit(int requests, Duration window) {

  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (requests < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException(
          "rate limit needs at least 1 request per positive window: " + requests + "/" + window);
    }
  }
}
