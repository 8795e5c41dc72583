package dev.microworks.microapp.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.identity.UserView;
import dev.microworks.microapp.MicroappDefinition.Rule;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.StoredMicroapp;
import dev.microworks.microapp.internal.CelExpressions.Bindings;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import dev.microworks.microapp.internal.RaisedEvents.Active;
import dev.microworks.microapp.internal.RaisedEvents.Candidate;
import dev.microworks.tenant.Tenant;
import dev.microworks.tenant.TenantId;
import dev.microworks.tenant.Tenants;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs the scheduled rules (REMINDER, QUERY, UNCONDITIONAL) on one node at a time: a db-scheduler
 * task checks every {@code microworks.microapp.schedule-check} (default PT1M) which rules are due
 * by the application clock, and runs each in its own transaction.
 *
 * <ul>
 *   <li>QUERY ({@code every}): each record matching now, once per record version;
 *   <li>REMINDER ({@code every}, default PT15M): each record whose date plus the offset has come,
 *       within one day of it, once per record and date (a moved date is a new window);
 *   <li>UNCONDITIONAL ({@code every}): one card per period to the audience, replacing the last.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RuleSchedules {

  private static final Logger log = LoggerFactory.getLogger(RuleSchedules.class);
  static final Duration REMINDER_EVERY = Duration.ofMinutes(15);
  static final Duration REMINDER_WINDOW = Duration.ofDays(1);
  private static final int PAGE = 1000;

  private final Tenants tenants;
  private final JdbcMicroapps microapps;
  private final RuleEngine engine;
  private final RaisedEvents events;
  private final DataCache cache;
  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final Clock clock;
  private final Duration check;

  RuleSchedules(
      Tenants tenants,
      JdbcMicroapps microapps,
      RuleEngine engine,
      RaisedEvents events,
      DataCache cache,
      JdbcClient jdbc,
      TransactionOperations transactions,
      Optional<Clock> clock,
      @Value("${microworks.microapp.schedule-check:PT1M}") Duration check) {
    this.tenants = tenants;
    this.microapps = microapps;
    this.engine = engine;
    this.events = events;
    this.cache = cache;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
    this.check = check;
  }

  @Bean
  RecurringTask<Void> notificationRulesTask() {
    return Tasks.recurring("notification-rules", FixedDelay.of(check))
        .execute((instance, context) -> runDue());
  }

  /** Runs every due scheduled rule; returns the number of raw events raised. */
  int runDue() {
    int raised = 0;
    for (Tenant tenant : tenants.all()) {
      for (StoredMicroapp stored : microapps.all(tenant.id())) {
        Optional<CompiledMicroapp> app = microapps.compiled(stored);
        if (app.isEmpty()) {
          continue;
        }
        for (CompiledRule rule : app.get().rules.values()) {
          if (!rule.rule().enabled() || rule.rule().trigger().onChange()) {
            continue;
          }
          try {
            Integer count = transactions.execute(status -> runIfDue(tenant.id(), app.get(), rule));
            raised += count == null ? 0 : count;
          } catch (RuntimeException e) {
            log.warn(
                "Scheduled notification {}/{} failed and runs again at the next check: {}",
                stored.id(),
                rule.rule().id(),
                e.toString());
          }
        }
      }
    }
    return raised;
  }

  private int runIfDue(TenantId tenant, CompiledMicroapp app, CompiledRule rule) {
    Rule definition = rule.rule();
    Instant now = clock.instant();
    Duration every = definition.every().orElse(REMINDER_EVERY);
    Optional<Instant> last =
        jdbc.sql(
                "SELECT last_run_at FROM rule_schedule WHERE tenant_id = ? AND microapp_id = ?"
                    + " AND rule_id = ? FOR UPDATE")
            .params(tenant.value(), app.definition.id(), definition.id())
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant);
    // a last run "in the future" means the clock was set back: run rather than wait for it
    if (last.isPresent() && !last.get().isAfter(now) && last.get().plus(every).isAfter(now)) {
      return 0;
    }
    jdbc.sql(
            "INSERT INTO rule_schedule (tenant_id, microapp_id, rule_id, last_run_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, microapp_id, rule_id)"
                + " DO UPDATE SET last_run_at = excluded.last_run_at")
        .params(tenant.value(), app.definition.id(), definition.id(), Timestamp.from(now))
        .update();
    Audiences audiences = engine.audiences(tenant);
    if (definition.trigger() == Trigger.UNCONDITIONAL) {
      return unconditional(tenant, app, rule, audiences, every);
    }
    TableRef table = new TableRef(tenant, app.spec.id(), rule.table().name());
    int raised = 0;
    for (int offset = 0; ; offset += PAGE) {
      List<CachedRecord> page = cache.browse(table, offset, PAGE);
      List<Candidate> candidates = new ArrayList<>();
      for (CachedRecord cached : page) {
        Map<String, Object> record = RecordValues.of(rule.table(), cached.payload());
        Bindings bindings =
            new Bindings(record, Map.of(), Map.of(), audiences.now(), audiences.today());
        String key;
        if (definition.trigger() == Trigger.REMINDER) {
          Optional<Instant> window = reminderWindow(rule, record, audiences.now());
          if (window.isEmpty() || !rule.state().test(bindings)) {
            continue;
          }
          key = definition.id() + "|" + cached.key() + "|at" + window.get();
        } else {
          if (!rule.state().test(bindings)) {
            continue;
          }
          key = definition.id() + "|" + cached.key() + "|v" + cached.version();
        }
        List<UserView> audience = audiences.of(app, rule, record);
        if (!audience.isEmpty()) {
          candidates.add(
              new Candidate(
                  key,
                  Notifications.of(
                      tenant,
                      app,
                      rule,
                      Optional.of(cached.key()),
                      record,
                      audience,
                      audiences.now())));
        }
      }
      raised += events.raise(candidates);
      if (page.size() < PAGE) {
        break;
      }
    }
    if (raised > 0) {
      log.info(
          "Scheduled notification {}/{} raised {}", app.definition.id(), definition.id(), raised);
    }
    return raised;
  }

  private int unconditional(
      TenantId tenant,
      CompiledMicroapp app,
      CompiledRule rule,
      Audiences audiences,
      Duration every) {
    List<UserView> audience = audiences.of(app, rule, null);
    if (audience.isEmpty()) {
      return 0;
    }
    long slot = audiences.now().getEpochSecond() / every.toSeconds();
    Candidate candidate =
        new Candidate(
            rule.rule().id() + "|period" + slot,
            Notifications.of(tenant, app, rule, Optional.empty(), null, audience, audiences.now()));
    List<Active> previous = events.activeOfRule(tenant, app.definition.id(), rule.rule().id());
    int raised = events.raise(List.of(candidate));
    if (raised > 0) {
      events.expire(tenant, previous.stream().map(Active::id).toList(), audiences.now());
    }
    return raised;
  }

  /**
   * The reminder's moment for this record when now is within a day after it: the date in the rule's
   * column plus its offset in days.
   */
  static Optional<Instant> reminderWindow(
      CompiledRule rule, Map<String, Object> record, Instant now) {
    var reminder = rule.rule().reminder().orElseThrow();
    Object date = record.get(reminder.column());
    if (!(date instanceof Instant instant)) {
      return Optional.empty();
    }
    Instant at = instant.plus(Duration.ofDays(reminder.daysOffset()));
    return !now.isBefore(at) && now.isBefore(at.plus(REMINDER_WINDOW))
        ? Optional.of(at)
        : Optional.empty();
  }
}
