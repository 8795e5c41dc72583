package dev.microworks.sync.internal;

import dev.microworks.integration.Integrations;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes a sync task: takes the integration's lock, records the run, runs it and says when the
 * task should run next. Never throws for a failed sync: the run records the failure.
 */
@Component
class SyncExecutor {

  private static final Logger log = LoggerFactory.getLogger(SyncExecutor.class);
  private static final int MAX_ERROR_LENGTH = 2000;
  static final Duration LOCKED_RETRY = Duration.ofSeconds(5);

  private final Integrations integrations;
  private final SyncEngine engine;
  private final SyncRuns runs;
  private final IntegrationLock lock;
  private final Clock clock;

  SyncExecutor(
      Integrations integrations,
      SyncEngine engine,
      SyncRuns runs,
      IntegrationLock lock,
      Optional<Clock> clock) {
    this.integrations = integrations;
    this.engine = engine;
    this.runs = runs;
    this.lock = lock;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** What the scheduler should do with the task afterwards. */
  sealed interface Next {
    record RunAgainAt(Instant at) implements Next {}

    record Done() implements Next {}
  }

  Next execute(SyncTaskData task) {
    Optional<StoredIntegration> integration = integrations.find(task.tenant(), task.integration());
    if (integration.isEmpty()) {
      log.info("Integration {} is gone; its sync task ends", task.integration());
      return new Next.Done();
    }
    Optional<IntegrationLock.Held> held = lock.tryLock(task.tenant(), task.integration());
    if (held.isEmpty()) {
      return new Next.RunAgainAt(clock.instant().plus(LOCKED_RETRY));
    }
    try (IntegrationLock.Held ignored = held.get()) {
      runs.failInterrupted(task.tenant(), task.integration(), clock.instant());
      UUID runId =
          task.runId()
              .orElseGet(
                  () ->
                      runs.queue(
                              task.tenant(),
                              task.integration(),
                              task.mode(),
                              "schedule",
                              clock.instant())
                          .id());
      runOnce(task.tenant(), integration.get(), task.mode(), runId);
    }
    if (task.runId().isPresent()) {
      return new Next.Done();
    }
    return SyncSchedules.next(integration.get().spec().schedules(), task.mode(), clock.instant())
        .<Next>map(Next.RunAgainAt::new)
        .orElse(new Next.Done());
  }

  private void runOnce(TenantId tenant, StoredIntegration integration, SyncMode mode, UUID runId) {
    RunTally tally = new RunTally();
    runs.start(runId, clock.instant());
    log.info("Sync {} of {} started (run {})", mode, integration.id(), runId);
    try {
      engine.run(tenant, integration.spec(), mode, runId, tally);
      runs.finish(runId, tally, SyncStatus.SUCCEEDED, null, clock.instant());
      log.info(
          "Sync {} of {} succeeded: {} pages, {} read, {}",
          mode,
          integration.id(),
          tally.pages(),
          tally.read(),
          tally.counts());
    } catch (RuntimeException e) {
      if (mode == SyncMode.FULL) {
        tally.discardChanges();
      }
      String error = describe(e);
      runs.finish(runId, tally, SyncStatus.FAILED, error, clock.instant());
      log.warn("Sync {} of {} failed (run {}): {}", mode, integration.id(), runId, error);
    }
  }

  /** The failure as a person should read it: the message chain, trimmed. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && text.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        if (!text.isEmpty()) {
          text.append(" — caused by: ");
        }
        text.append(message);
      }
    }
    return text.length() > MAX_ERROR_LENGTH
        ? text.substring(0, MAX_ERROR_LENGTH) + "…"
        : text.toString();
  }

  SyncRun queueManual(TenantId tenant, String integration, SyncMode mode) {
    return runs.queue(tenant, integration, mode, "manual", clock.instant());
  }
}
