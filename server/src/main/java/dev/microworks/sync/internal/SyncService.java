package dev.microworks.sync.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.microworks.integration.IntegrationCredentialsSet;
import dev.microworks.integration.IntegrationDeleted;
import dev.microworks.integration.IntegrationSaved;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncProperties;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

@Service
class SyncService implements Synchronizations {

  private final Integrations integrations;
  private final SyncExecutor executor;
  private final SyncRuns runs;
  private final SyncCheckpoints checkpoints;
  private final SchedulerClient scheduler;
  private final CustomTask<String> task;
  private final SyncProperties properties;
  private final Clock clock;

  SyncService(
      Integrations integrations,
      SyncExecutor executor,
      SyncRuns runs,
      SyncCheckpoints checkpoints,
      SchedulerClient scheduler,
      CustomTask<String> integrationSyncTask,
      SyncProperties properties,
      Optional<Clock> clock) {
    this.integrations = integrations;
    this.executor = executor;
    this.runs = runs;
    this.checkpoints = checkpoints;
    this.scheduler = scheduler;
    this.task = integrationSyncTask;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public SyncRun syncNow(TenantId tenant, String integration, SyncMode mode) {
    if (integrations.find(tenant, integration).isEmpty()) {
      throw new NoSuchElementException("no integration '" + integration + "'");
    }
    SyncRun run = executor.queueManual(tenant, integration, mode);
    SyncTaskData data = new SyncTaskData(tenant, integration, mode, Optional.of(run.id()));
    scheduler.scheduleIfNotExists(
        task.instance("manual-" + run.id(), data.encode()), clock.instant());
    return run;
  }

  @Override
  public List<SyncRun> runs(TenantId tenant, String integration, int limit) {
    return runs.recent(tenant, integration, limit);
  }

  @Override
  public Optional<SyncRun> run(TenantId tenant, UUID id) {
    return runs.find(id).filter(run -> run.tenant().equals(tenant));
  }

  @ApplicationModuleListener
  void on(IntegrationSaved saved) {
    if (!properties.schedulesEnabled()) {
      return;
    }
    // a changed spec may page differently: an interrupted incremental read cannot resume
    checkpoints.forgetResume(saved.tenant(), saved.id());
    integrations
        .find(saved.tenant(), saved.id())
        .ifPresent(integration -> schedule(integration, saved.revision() == 1));
  }

  /**
   * Credentials set for an integration that has never synced successfully (typically: created, then
   * its first sync failed for want of them): its first full sync runs now.
   */
  @ApplicationModuleListener
  void on(IntegrationCredentialsSet set) {
    if (!properties.schedulesEnabled() || integrations.find(set.tenant(), set.id()).isEmpty()) {
      return;
    }
    boolean synced =
        runs.recent(set.tenant(), set.id(), 50).stream()
            .anyMatch(run -> run.status() == SyncStatus.SUCCEEDED);
    if (!synced) {
      syncNow(set.tenant(), set.id(), SyncMode.FULL);
    }
  }

  @ApplicationModuleListener
  void on(IntegrationDeleted deleted) {
    checkpoints.forget(deleted.tenant(), deleted.id());
    for (SyncMode mode : SyncMode.values()) {
      cancel(new SyncTaskData(deleted.tenant(), deleted.id(), mode, Optional.empty()));
    }
  }

  /** (Re)plans both recurring instances; a new integration gets its first full sync now. */
  private void schedule(StoredIntegration integration, boolean created) {
    Instant now = clock.instant();
    for (SyncMode mode : SyncMode.values()) {
      SyncTaskData data =
          new SyncTaskData(integration.tenant(), integration.id(), mode, Optional.empty());
      Optional<Instant> next =
          created && mode == SyncMode.FULL
              ? Optional.of(now)
              : SyncSchedules.next(integration.spec().schedules(), mode, now);
      if (next.isEmpty()) {
        cancel(data);
        continue;
      }
      TaskInstance<String> instance = task.instance(data.scheduleInstanceId(), data.encode());
      TaskInstanceId id =
          TaskInstanceId.of(SyncTaskConfiguration.TASK_NAME, data.scheduleInstanceId());
      try {
        if (scheduler.getScheduledExecution(id).isPresent()) {
          scheduler.reschedule(id, next.get());
        } else {
          scheduler.scheduleIfNotExists(instance, next.get());
        }
      } catch (TaskInstanceCurrentlyExecutingException running) {
        // it is syncing now; when it ends it plans its next run from the spec saved by then
      }
    }
  }

  private void cancel(SyncTaskData data) {
    TaskInstanceId id =
        TaskInstanceId.of(SyncTaskConfiguration.TASK_NAME, data.scheduleInstanceId());
    try {
      if (scheduler.getScheduledExecution(id).isPresent()) {
        scheduler.cancel(id);
      }
    } catch (TaskInstanceCurrentlyExecutingException running) {
      // it is syncing now; when it ends it finds the integration gone and stops
    }
  }
}
