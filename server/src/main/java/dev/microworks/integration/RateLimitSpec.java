package dev.microworks.integration;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code requests} requests per {@code per} window, for all tables of one integration.
 *
 * @param requests positive number of requests
 * @param per positive window length
 */
public record RateLimitSpec(int requests, Duration per) {

  public RateLimitSpec {
    Objects.requireNonNull(per, "per");
  }
}
