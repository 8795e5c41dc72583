package dev.microworks.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.sync.SyncMode;
import dev.microworks.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncTaskDataTests {

  @Test
  void taskDataSurvivesTheRoundTripThroughText() {
    SyncTaskData manual =
        new SyncTaskData(
            TenantId.DEFAULT, "demo-sor", SyncMode.INCREMENTAL, Optional.of(UUID.randomUUID()));
    SyncTaskData scheduled =
        new SyncTaskData(TenantId.DEFAULT, "demo-sor", SyncMode.FULL, Optional.empty());

    assertThat(SyncTaskData.decode(manual.encode())).isEqualTo(manual);
    assertThat(SyncTaskData.decode(scheduled.encode())).isEqualTo(scheduled);
  }

  @Test
  void somethingElseIsRefusedSayingWhatItWas() {
    assertThatThrownBy(() -> SyncTaskData.decode("hello"))
        .hasMessageContaining("not a sync task: hello");
  }
}
