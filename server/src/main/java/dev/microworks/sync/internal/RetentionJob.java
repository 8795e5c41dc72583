package dev.microworks.sync.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.RetentionSpec;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.integration.TableSpec;
import dev.microworks.tenant.Tenant;
import dev.microworks.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Daily (on one node): removes cached records older than their table's retention ({@code retention:
 * P365D}, measured on the SoR's last change), announcing them as deleted. Tables kept as {@code
 * replace-on-full-sync} are trimmed by full syncs instead. Each integration is purged under its
 * sync lock, so a purge never races a sync; one that is syncing right then waits for the next day.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final Tenants tenants;
  private final Integrations integrations;
  private final DataCache cache;
  private final IntegrationLock lock;
  private final Clock clock;

  RetentionJob(
      Tenants tenants,
      Integrations integrations,
      DataCache cache,
      IntegrationLock lock,
      Optional<Clock> clock) {
    this.tenants = tenants;
    this.integrations = integrations;
    this.cache = cache;
    this.lock = lock;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Bean
  RecurringTask<Void> cacheRetentionTask() {
    return Tasks.recurring("cache-retention", Schedules.daily(java.time.LocalTime.of(3, 17)))
        .execute((instance, context) -> purge());
  }

  /** One pass over every tenant's integrations; returns the number of records removed. */
  public long purge() {
    Instant now = clock.instant();
    long removed = 0;
    for (Tenant tenant : tenants.all()) {
      for (StoredIntegration integration : integrations.all(tenant.id())) {
        Optional<IntegrationLock.Held> held = lock.tryLock(tenant.id(), integration.id());
        if (held.isEmpty()) {
          log.info("Retention: {} is syncing; its purge waits for the next run", integration.id());
          continue;
        }
        try (IntegrationLock.Held ignored = held.get()) {
          removed += purge(tenant, integration, now);
        }
      }
    }
    return removed;
  }

  private long purge(Tenant tenant, StoredIntegration integration, Instant now) {
    long removed = 0;
    for (TableSpec table : integration.spec().tables()) {
      if (table.retention() instanceof RetentionSpec.KeepFor keep) {
        long purged =
            cache.purgeOlderThan(
                new TableRef(tenant.id(), integration.id(), table.name()),
                now.minus(keep.duration()));
        if (purged > 0) {
          log.info(
              "Retention: removed {} records of {}.{} older than {}",
              purged,
              integration.id(),
              table.name(),
              keep.duration());
        }
        removed += purged;
      }
    }
    return removed;
  }
}
