package dev.microworks.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per client address and per e-mail address in a sliding window, in memory
 * (per node: a cluster of n nodes allows up to n times as many; the database lockout is shared).
 * Unknown addresses count like known ones, so being throttled says nothing about whether an account
 * exists. Memory is bounded: at most {@link #MAX_KEYS} keys are remembered per kind.
 */
final class LoginThrottle {

  static final int MAX_KEYS = 100_000;

  private final Window addresses;
  private final Window emails;

  LoginThrottle(LoginProperties properties, Clock clock) {
    this.addresses =
        new Window(properties.maxFailuresPerAddress(), properties.throttleWindow(), clock);
    this.emails = new Window(properties.maxFailuresPerEmail(), properties.throttleWindow(), clock);
  }

  /** Whether a sign-in from {@code address} for {@code email} may be tried now. */
  boolean allows(String address, String email) {
    return addresses.allows(address) && emails.allows(email);
  }

  void failed(String address, String email) {
    addresses.add(address);
    emails.add(email);
  }

  /** A successful sign-in clears the e-mail's count (not the address's: it may be shared). */
  void succeeded(String email) {
    emails.clear(email);
  }

  private static final class Window {
    private final int limit;
    private final Duration length;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    Window(int limit, Duration length, Clock clock) {
      this.limit = limit;
      this.length = length;
      this.clock = clock;
    }

    boolean allows(String key) {
      Deque<Instant> times = failures.get(key);
      if (times == null) {
        return true;
      }
      synchronized (times) {
        prune(times, clock.instant());
        return times.size() < limit;
      }
    }

    void add(String key) {
      Instant now = clock.instant();
      if (failures.size() >= MAX_KEYS) {
        failures.values().removeIf(times -> pruned(times, now));
        if (failures.size() >= MAX_KEYS) {
          // a flood of distinct keys: start over rather than grow without bound (the database
          // lockout still holds)
          failures.clear();
        }
      }
      Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        prune(times, now);
        times.addLast(now);
      }
    }

    void clear(String key) {
      failures.remove(key);
    }

    private boolean pruned(Deque<Instant> times, Instant now) {
      synchronized (times) {
        prune(times, now);
        return times.isEmpty();
      }
    }

    private void prune(Deque<Instant> times, Instant now) {
      Instant start = now.minus(length);
      while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
        times.removeFirst();
      }
    }
  }
}
