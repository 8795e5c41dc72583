package dev.microworks.microapp.internal;

import dev.microworks.cache.ChangeType;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.RecordChange;
import dev.microworks.cache.RecordsChanged;
import dev.microworks.cache.TableRef;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserView;
import dev.microworks.microapp.MicroappDefinition.Rule;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.StoredMicroapp;
import dev.microworks.microapp.internal.CelExpressions.Bindings;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import dev.microworks.microapp.internal.RaisedEvents.Active;
import dev.microworks.microapp.internal.RaisedEvents.Candidate;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates the NEW, CHANGE and DELETE rules of every microapp reading a table when its records
 * change, and expires what no longer holds. Runs after the sync's commit, in its own transaction,
 * from the event publication registry: a crash before it completes means the change is delivered
 * again, and the idempotency keys make that harmless.
 */
@Component
class RuleEngine {

  private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

  private final JdbcMicroapps microapps;
  private final RaisedEvents events;
  private final UserLookups users;
  private final DataCache cache;
  private final Clock clock;

  RuleEngine(
      JdbcMicroapps microapps,
      RaisedEvents events,
      UserLookups users,
      DataCache cache,
      Optional<Clock> clock) {
    this.microapps = microapps;
    this.events = events;
    this.users = users;
    this.cache = cache;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @ApplicationModuleListener
  void on(RecordsChanged event) {
    evaluate(event.table(), event.changes());
  }

  /**
   * Expires what the changes end, then raises what they start.
   *
   * @return the number of raw events raised
   */
  int evaluate(TableRef table, List<RecordChange> changes) {
    List<CompiledMicroapp> apps = appsReading(table);
    if (apps.isEmpty()) {
      return 0;
    }
    Audiences audiences = audiences(table.tenant());
    Map<String, RecordChange> byKey = new HashMap<>();
    changes.forEach(change -> byKey.put(change.key(), change));
    expire(table, apps, byKey, audiences);
    List<Candidate> candidates = new ArrayList<>();
    for (CompiledMicroapp app : apps) {
      List<CompiledRule> rules =
          app.rules.values().stream()
              .filter(rule -> rule.rule().enabled() && rule.rule().trigger().onChange())
              .filter(rule -> rule.table().name().equals(table.table()))
              .toList();
      if (rules.isEmpty()) {
        continue;
      }
      for (RecordChange change : changes) {
        Trigger trigger = trigger(change.type());
        Map<String, Object> record = null;
        Map<String, Object> before = null;
        for (CompiledRule rule : rules) {
          if (rule.rule().trigger() != trigger) {
            continue;
          }
          if (record == null) {
            Values refs = values(rule, change);
            record = refs.record;
            before = refs.before;
          }
          Bindings bindings =
              new Bindings(record, before, Map.of(), audiences.now(), audiences.today());
          if (!rule.trigger().test(bindings)) {
            continue;
          }
          List<UserView> audience = audiences.of(app, rule, record);
          if (audience.isEmpty()) {
            continue;
          }
          candidates.add(
              new Candidate(
                  rule.rule().id() + "|" + change.key() + "|v" + change.version(),
                  Notifications.of(
                      table.tenant(),
                      app,
                      rule,
                      Optional.of(change.key()),
                      record,
                      audience,
                      audiences.now())));
        }
      }
    }
    int raised = events.raise(candidates);
    if (raised > 0) {
      log.debug("{}: {} changes raised {} notifications", table, changes.size(), raised);
    }
    return raised;
  }

  private void expire(
      TableRef table,
      List<CompiledMicroapp> apps,
      Map<String, RecordChange> changes,
      Audiences audiences) {
    List<Active> active =
        events.active(table.tenant(), table.integration(), table.table(), changes.keySet());
    if (active.isEmpty()) {
      return;
    }
    Map<String, CompiledMicroapp> byId = new HashMap<>();
    apps.forEach(app -> byId.put(app.definition.id(), app));
    List<UUID> expired = new ArrayList<>();
    for (Active event : active) {
      CompiledMicroapp app = byId.get(event.microapp());
      CompiledRule rule = app == null ? null : app.rules.get(event.rule());
      RecordChange change = changes.get(event.recordKey());
      if (rule == null) {
        // the rule or microapp is gone: its cards go with the record's next change
        expired.add(event.id());
        continue;
      }
      Rule definition = rule.rule();
      if (change.type() == ChangeType.DELETED) {
        if (definition.expire().onDelete() && definition.trigger() != Trigger.DELETE) {
          expired.add(event.id());
        }
        continue;
      }
      if (definition.trigger() == Trigger.DELETE) {
        continue;
      }
      Values values = values(rule, change);
      Bindings bindings =
          new Bindings(values.record, values.before, Map.of(), audiences.now(), audiences.today());
      boolean ends =
          definition.expire().when().isPresent() && rule.expireWhen().orElseThrow().test(bindings);
      boolean stopsMatching =
          definition.expire().whenNoLongerMatching() && !rule.state().test(bindings);
      if (ends || stopsMatching) {
        expired.add(event.id());
        continue;
      }
      if (definition.expire().whenNoLongerMatching()) {
        Set<UserId> still = new HashSet<>();
        audiences.of(app, rule, values.record).forEach(user -> still.add(user.id()));
        List<UserId> gone = event.users().stream().filter(u -> !still.contains(u)).toList();
        events.expireFor(table.tenant(), event, gone);
      }
    }
    events.expire(table.tenant(), expired, audiences.now());
  }

  /** The record after (or, deleted, before) the change and the one before, as CEL values. */
  private record Values(Map<String, Object> record, Map<String, Object> before) {}

  private static Values values(CompiledRule rule, RecordChange change) {
    if (change.type() == ChangeType.DELETED) {
      return new Values(RecordValues.of(rule.table(), change.before()), Map.of());
    }
    return new Values(
        RecordValues.of(rule.table(), change.after()),
        change.before() == null ? Map.of() : RecordValues.of(rule.table(), change.before()));
  }

  private static Trigger trigger(ChangeType type) {
    switch (type) {
      case CREATED:
        return Trigger.NEW;
      case DELETED:
        return Trigger.DELETE;
      default:
        return Trigger.CHANGE;
    }
  }

  List<CompiledMicroapp> appsReading(TableRef table) {
    List<CompiledMicroapp> apps = new ArrayList<>();
    for (StoredMicroapp stored : microapps.ofIntegration(table.tenant(), table.integration())) {
      microapps.compiled(stored).ifPresent(apps::add);
    }
    return apps;
  }

  Audiences audiences(TenantId tenant) {
    Instant now = clock.instant();
    Instant today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    return new Audiences(tenant, users, cache, now, today);
  }
}
