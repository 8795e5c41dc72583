package dev.microworks.demosor.admin;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Arms one fault for the next N requests to {@code /api/**}, for tests of API clients. Also usable
 * in-process (inject it, or get it from the application context). Arming replaces what was armed.
 * Thread-safe; each request consumes exactly one of the N.
 */
@Component
public class FaultSwitch {

  /** What an armed request gets instead of (or before) its normal answer. */
  public enum Kind {
    /** 429 Too Many Requests with {@code Retry-After} in seconds and a JSON error. */
    RATE_LIMIT,
    /** 500 with a JSON error. */
    SERVER_ERROR,
    /** The normal answer, after a delay; it carries {@code X-Demo-Fault: SLOW}. */
    SLOW,
    /** 200 with {@code Content-Type: application/json} and a truncated, unparseable body. */
    MALFORMED_JSON
  }

  /**
   * An armed fault.
   *
   * @param kind what happens
   * @param remaining how many more requests get it
   * @param retryAfterSeconds the {@code Retry-After} of RATE_LIMIT
   * @param delayMs the delay of SLOW, in milliseconds
   * @param after how many API requests still pass untouched before the fault starts (to fail, say,
   *     page 3 of a listing)
   */
  public record Armed(Kind kind, int remaining, int retryAfterSeconds, long delayMs, int after) {}

  private Armed armed;

  /**
   * Arms {@code kind} for the next {@code count} API requests.
   *
   * @throws IllegalArgumentException if count is below 1 or the retry-after or delay is negative
   */
  public synchronized Armed arm(Kind kind, int count, int retryAfterSeconds, Duration delay) {
    return arm(kind, count, retryAfterSeconds, delay, 0);
  }

  /**
   * Arms {@code kind} for {@code count} API requests, after letting {@code after} requests pass.
   *
   * @throws IllegalArgumentException if count is below 1 or another value is negative
   */
  public synchronized Armed arm(
      Kind kind, int count, int retryAfterSeconds, Duration delay, int after) {
    if (kind == null || count < 1 || retryAfterSeconds < 0 || delay.isNegative() || after < 0) {
      throw new IllegalArgumentException(
          "need a kind, count >= 1, retry_after_seconds >= 0, delay >= 0 and after >= 0");
    }
    armed = new Armed(kind, count, retryAfterSeconds, delay.toMillis(), after);
    return armed;
  }

  /** Disarms whatever is armed. */
  public synchronized void clear() {
    armed = null;
  }

  /** What is armed now, if anything. */
  public synchronized Optional<Armed> current() {
    return Optional.ofNullable(armed);
  }

  /** Consumes one armed request: the fault to apply to it, if any. */
  synchronized Optional<Armed> take() {
    if (armed == null) {
      return Optional.empty();
    }
    Armed taken = armed;
    if (taken.after() > 0) {
      armed =
          new Armed(
              taken.kind(),
              taken.remaining(),
              taken.retryAfterSeconds(),
              taken.delayMs(),
              taken.after() - 1);
      return Optional.empty();
    }
    armed =
        taken.remaining() > 1
            ? new Armed(
                taken.kind(), taken.remaining() - 1, taken.retryAfterSeconds(), taken.delayMs(), 0)
            : null;
    return Optional.of(taken);
  }
}
