package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestScheduleTests {

  @Test
  void theFirstDigestGoesOutOneIntervalAfterTheTaskIsFirstRegistered_notAtStartUp() {
    Instant now = Instant.parse("2026-11-27T02:00:00Z");

    assertThat(new DigestJob.EveryInterval(Duration.ofHours(1)).getInitialExecutionTime(now))
        .isEqualTo(Instant.parse("2026-11-27T03:00:00Z"));
  }
}
