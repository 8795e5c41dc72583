package dev.microworks.integration.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient failures (HTTP 408, 429, 500, 502, 503, 504 and I/O errors other than TLS failures)
 * are retried: exponential backoff with full jitter, {@code Retry-After} honoured, within a budget.
 *
 * @param maxAttempts attempts in total, the first included (1 = no retry)
 * @param initialBackoff the upper bound of the first wait; doubles on each retry
 * @param maxBackoff the upper bound of any computed wait ({@code Retry-After} may ask for more)
 * @param maxTotalWait the sum of all waits for one request never exceeds this; a {@code
 *     Retry-After} beyond what is left fails at once
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry maxAttempts must be at least 1: " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    if (maxTotalWait.isNegative()) {
      throw new IllegalArgumentException("retry maxTotalWait must not be negative");
    }
  }

  /** 6 attempts, 500 ms initial backoff, 30 s max backoff, 2 min in total. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  /** One attempt; for non-idempotent writes. */
  public static RetryPolicy noRetries() {
    return new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("retry " + name + " must be positive: " + value);
    }
  }
}
