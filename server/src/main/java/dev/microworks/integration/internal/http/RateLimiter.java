package dev.microworks.integration.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code requests} tokens, refilled evenly over {@code window}. A caller that finds
 * the bucket empty reserves the next token and waits for it outside the lock, so concurrent callers
 * queue fairly.
 */
final class RateLimiter {

  private final double capacity;
  private final double tokensPerNano;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private Instant refilledAt;

  RateLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
    this.capacity = limit.requests();
    this.tokensPerNano = limit.requests() / (double) limit.window().toNanos();
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.refilledAt = clock.instant();
  }

  void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  private synchronized Duration reserve() {
    Instant now = clock.instant();
    long elapsed = Duration.between(refilledAt, now).toNanos();
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      refilledAt = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }
}
