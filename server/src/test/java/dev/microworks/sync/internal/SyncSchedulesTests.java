package dev.microworks.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.ScheduleSpec;
import dev.microworks.integration.ScheduleSpec.RunWindow;
import dev.microworks.integration.ScheduleSpec.Trigger;
import dev.microworks.sync.SyncMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncSchedulesTests {

  private static final Instant NOW = Instant.parse("2026-11-26T10:07:00Z");
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void anIntervalRunsThatLongAfterNow() {
    ScheduleSpec every15 =
        new ScheduleSpec(
            new Trigger.Manual(), new Trigger.Every(Duration.ofMinutes(15)), Optional.empty(), UTC);

    assertThat(SyncSchedules.next(every15, SyncMode.INCREMENTAL, NOW))
        .contains(Instant.parse("2026-11-26T10:22:00Z"));
  }

  @Test
  void aCronRunsAtItsNextMatchInTheSchedulesZone() {
    ScheduleSpec nightly =
        new ScheduleSpec(
            new Trigger.Cron("0 30 2 * * *"),
            new Trigger.Manual(),
            Optional.empty(),
            ZoneId.of("Europe/Berlin"));

    // 02:30 in Berlin (UTC+1 in November) is 01:30 UTC, tomorrow
    assertThat(SyncSchedules.next(nightly, SyncMode.FULL, NOW))
        .contains(Instant.parse("2026-11-27T01:30:00Z"));
  }

  @Test
  void manualMeansNoScheduledRun() {
    ScheduleSpec manual =
        new ScheduleSpec(new Trigger.Manual(), new Trigger.Manual(), Optional.empty(), UTC);

    assertThat(SyncSchedules.next(manual, SyncMode.FULL, NOW)).isEmpty();
  }

  @Test
  void aTimeOutsideTheRunWindowMovesToTheWindowsNextOpening() {
    ScheduleSpec night =
        new ScheduleSpec(
            new Trigger.Every(Duration.ofHours(1)),
            new Trigger.Manual(),
            Optional.of(new RunWindow(LocalTime.of(0, 0), LocalTime.of(4, 0))),
            UTC);

    assertThat(SyncSchedules.next(night, SyncMode.FULL, NOW))
        .contains(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(SyncSchedules.next(night, SyncMode.FULL, Instant.parse("2026-11-26T01:10:00Z")))
        .as("inside the window")
        .contains(Instant.parse("2026-11-26T02:10:00Z"));
  }
}
