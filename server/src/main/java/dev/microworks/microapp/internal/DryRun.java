package dev.microworks.microapp.internal;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.identity.UserView;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.internal.CelExpressions.Bindings;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import dev.microworks.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Evaluates a rule against the current cache without raising anything. */
@Component
class DryRun {

  static final int PAGE = 1000;
  static final int KEYS_SHOWN = 20;

  private final RuleEngine engine;
  private final DataCache cache;

  DryRun(RuleEngine engine, DataCache cache) {
    this.engine = engine;
    this.cache = cache;
  }

  /**
   * The outcome.
   *
   * @param rule the rule
   * @param trigger its trigger
   * @param enabled whether it is enabled
   * @param recordsEvaluated records read from the cache
   * @param recordsMatching records that matched (and had an audience)
   * @param recipients who would be notified, by e-mail
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Result(
      String rule,
      String trigger,
      boolean enabled,
      long recordsEvaluated,
      long recordsMatching,
      List<Recipient> recipients) {}

  /** A recipient, how many cards they would get and for which records (the first 20). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Recipient(String email, long cards, List<String> records) {}

  Result run(TenantId tenant, CompiledMicroapp app, CompiledRule rule) {
    Audiences audiences = engine.audiences(tenant);
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, List<String>> keys = new TreeMap<>();
    long evaluated = 0;
    long matching = 0;
    if (rule.rule().trigger() == Trigger.UNCONDITIONAL) {
      for (UserView user : audiences.of(app, rule, null)) {
        counts.computeIfAbsent(user.email(), e -> new long[1])[0]++;
      }
      matching = counts.isEmpty() ? 0 : 1;
    } else {
      TableRef table = new TableRef(tenant, app.spec.id(), rule.table().name());
      for (int offset = 0; ; offset += PAGE) {
        List<CachedRecord> page = cache.browse(table, offset, PAGE);
        for (CachedRecord cached : page) {
          evaluated++;
          Map<String, Object> record = RecordValues.of(rule.table(), cached.payload());
          if (!matches(rule, record, audiences)) {
            continue;
          }
          List<UserView> audience = audiences.of(app, rule, record);
          if (audience.isEmpty()) {
            continue;
          }
          matching++;
          for (UserView user : audience) {
            counts.computeIfAbsent(user.email(), e -> new long[1])[0]++;
            List<String> shown = keys.computeIfAbsent(user.email(), e -> new ArrayList<>());
            if (shown.size() < KEYS_SHOWN) {
              shown.add(cached.key());
            }
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    List<Recipient> recipients = new ArrayList<>();
    counts.forEach(
        (email, count) ->
            recipients.add(new Recipient(email, count[0], keys.getOrDefault(email, List.of()))));
    return new Result(
        rule.rule().id(),
        rule.rule().trigger().name(),
        rule.rule().enabled(),
        evaluated,
        matching,
        recipients);
  }

  /** As if the record had just arrived: NEW and CHANGE see it new; others per their schedule. */
  static boolean matches(CompiledRule rule, Map<String, Object> record, Audiences audiences) {
    Bindings bindings =
        new Bindings(record, Map.of(), Map.of(), audiences.now(), audiences.today());
    switch (rule.rule().trigger()) {
      case REMINDER:
        return RuleSchedules.reminderWindow(rule, record, audiences.now()).isPresent()
            && rule.state().test(bindings);
      case NEW:
        return rule.trigger().test(bindings);
      default:
        return rule.state().test(bindings);
    }
  }
}
