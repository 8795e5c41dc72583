package dev.microworks.sync.internal;

import dev.microworks.integration.ScheduleSpec;
import dev.microworks.integration.ScheduleSpec.Trigger;
import dev.microworks.sync.SyncMode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/** When a scheduled sync runs next, from the integration's schedules and run window. */
final class SyncSchedules {

  private SyncSchedules() {}

  /** The next run after {@code now}; empty for a manual-only schedule. */
  static Optional<Instant> next(ScheduleSpec schedules, SyncMode mode, Instant now) {
    Trigger trigger = mode == SyncMode.FULL ? schedules.full() : schedules.incremental();
    ZonedDateTime from = now.atZone(schedules.zone());
    ZonedDateTime next;
    if (trigger instanceof Trigger.Every every) {
      next = from.plus(every.interval());
    } else if (trigger instanceof Trigger.Cron cron) {
      next = CronExpression.parse(cron.expression()).next(from);
      if (next == null) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(intoWindow(schedules, next).toInstant());
  }

  /** Moves a time outside the run window to the window's next opening. */
  private static ZonedDateTime intoWindow(ScheduleSpec schedules, ZonedDateTime time) {
    if (schedules.window().isEmpty() || schedules.window().get().contains(time.toLocalTime())) {
      return time;
    }
    ZonedDateTime opening = time.with(schedules.window().get().from()).withSecond(0).withNano(0);
    return opening.isAfter(time) ? opening : opening.plusDays(1);
  }
}
