package dev.microworks.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.microworks.integration.Integrations;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.TestWallet;
import dev.microworks.wallet.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Schedules and the one-run-per-integration rule, with the scheduler really running. */
@SpringBootTest(properties = {"db-scheduler.polling-interval=200ms"})
abstract class SyncSchedulingIntegrationTests {

  @Autowired Integrations integrations;
  @Autowired Synchronizations synchronizations;
  @Autowired SchedulerClient scheduler;
  @Autowired IntegrationLock lock;
  @Autowired Wallet wallet;

  final DemoSor sor = DemoSor.shared();

  @Test
  void aNewIntegrationIsSyncedAtOnceAndItsIncrementalIsPlannedByItsSchedule() {
    Instant saved = Instant.now();
    save("sched-test");

    SyncRun first =
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () -> synchronizations.runs(TenantId.DEFAULT, "sched-test", 5),
                runs -> !runs.isEmpty() && runs.get(0).status() == SyncStatus.SUCCEEDED)
            .get(0);
    assertThat(first.trigger()).isEqualTo("schedule");
    assertThat(first.mode()).isEqualTo(SyncMode.FULL);
    Instant incremental =
        scheduler
            .getScheduledExecution(instance("sched-test", SyncMode.INCREMENTAL))
            .orElseThrow()
            .getExecutionTime();
    assertThat(incremental)
        .isBetween(saved.plus(Duration.ofMinutes(14)), saved.plus(Duration.ofMinutes(16)));

    integrations.delete(TenantId.DEFAULT, "sched-test");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                scheduler
                    .getScheduledExecution(instance("sched-test", SyncMode.INCREMENTAL))
                    .isEmpty());
  }

  @Test
  void aSyncWaitsWhileAnotherRunHoldsTheIntegration() throws Exception {
    save("lock-test");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> synchronizations.runs(TenantId.DEFAULT, "lock-test", 5), runs -> done(runs));

    SyncRun queued;
    try (IntegrationLock.Held held = lock.tryLock(TenantId.DEFAULT, "lock-test").orElseThrow()) {
      queued = synchronizations.syncNow(TenantId.DEFAULT, "lock-test", SyncMode.FULL);
      Thread.sleep(2_000); // several scheduler polls
      assertThat(status(queued))
          .as("while another run holds the lock")
          .isEqualTo(SyncStatus.QUEUED);
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> status(queued) == SyncStatus.SUCCEEDED);
  }

  private static boolean done(List<SyncRun> runs) {
    return !runs.isEmpty() && runs.get(0).status() == SyncStatus.SUCCEEDED;
  }

  private SyncStatus status(SyncRun run) {
    return synchronizations.run(TenantId.DEFAULT, run.id()).orElseThrow().status();
  }

  private static TaskInstanceId instance(String integration, SyncMode mode) {
    return TaskInstanceId.of(
        SyncTaskConfiguration.TASK_NAME, TenantId.DEFAULT + ":" + integration + ":" + mode);
  }

  private void save(String id) {
    String yaml =
        example()
            .replace("http://127.0.0.1:8081", sor.base().toString())
            .replace("id: demo-sor-offset", "id: " + id);
    TestWallet.putDemoSorCredentials(wallet, id);
    integrations.save(TenantId.DEFAULT, yaml, id + ".yaml");
  }

  private static String example() {
    try (InputStream in =
        SyncSchedulingIntegrationTests.class.getResourceAsStream(
            "/integrations/demo-sor-offset.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
