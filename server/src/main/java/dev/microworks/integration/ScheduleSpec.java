package dev.microworks.integration;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When synchronisations run. Defaults: full daily, incremental every 15 minutes, no window, UTC.
 *
 * @param full trigger of full synchronisations
 * @param incremental trigger of incremental synchronisations
 * @param window if present, synchronisations only start inside it
 * @param zone the zone of cron expressions, the window and local last-sync formats
 */
public record ScheduleSpec(
    Trigger full, Trigger incremental, Optional<RunWindow> window, ZoneId zone) {

  public ScheduleSpec {
    Objects.requireNonNull(full, "full");
    Objects.requireNonNull(incremental, "incremental");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
  }

  /** What starts a synchronisation. */
  public sealed interface Trigger {

    /** Every {@code interval} (one of the presets {@code 1m} ... {@code weekly}). */
    record Every(Duration interval) implements Trigger {
      public Every {
        Objects.requireNonNull(interval, "interval");
      }
    }

    /** A Spring {@link org.springframework.scheduling.support.CronExpression} (six fields). */
    record Cron(String expression) implements Trigger {
      public Cron {
        Objects.requireNonNull(expression, "expression");
      }
    }

    /** Only when an administrator starts it. */
    record Manual() implements Trigger {}
  }

  /**
   * Local times between which synchronisations may start. {@code to} at or before {@code from}
   * means the window crosses midnight ({@code 22:00–04:00}); {@code 24:00} is written as {@code
   * 00:00}.
   */
  public record RunWindow(LocalTime from, LocalTime to) {
    public RunWindow {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    /** Whether {@code time} is inside the window (from inclusive, to exclusive). */
    public boolean contains(LocalTime time) {
      return from.isBefore(to)
          ? !time.isBefore(from) && time.isBefore(to)
          : !time.isBefore(from) || time.isBefore(to);
    }
  }
}
