package dev.microworks.microapp.internal;

import dev.cel.common.values.NullValue;
import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserView;
import dev.microworks.integration.TableSpec;
import dev.microworks.microapp.MicroappDefinition.Audience;
import dev.microworks.microapp.MicroappDefinition.Subscribers;
import dev.microworks.microapp.internal.CelExpressions.Bindings;
import dev.microworks.microapp.internal.CelExpressions.Program;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves who a rule notifies about a record, for one batch of work: users are looked up once per
 * batch. The audience is always intersected with the microapp's subscribers and the table's
 * per-user filter.
 */
final class Audiences {

  private final TenantId tenant;
  private final UserLookups users;
  private final DataCache cache;
  private final Instant now;
  private final Instant today;
  private final Map<String, Optional<UserView>> byEmail = new HashMap<>();
  private final Map<String, List<UserView>> groups = new HashMap<>();
  private final Map<UserId, Map<String, Object>> bindings = new HashMap<>();
  private final Map<String, Map<String, Object>> related = new HashMap<>();
  private List<UserView> active;

  Audiences(TenantId tenant, UserLookups users, DataCache cache, Instant now, Instant today) {
    this.tenant = tenant;
    this.users = users;
    this.cache = cache;
    this.now = now;
    this.today = today;
  }

  Instant now() {
    return now;
  }

  Instant today() {
    return today;
  }

  /**
   * The users the rule notifies about {@code record} (null for unconditional rules), in a stable
   * order.
   */
  List<UserView> of(CompiledMicroapp app, CompiledRule rule, Map<String, Object> record) {
    Audience audience = rule.rule().audience();
    List<UserView> candidates = new ArrayList<>();
    if (audience.column().isPresent()) {
      emailOf(app, rule, record).flatMap(this::user).ifPresent(candidates::add);
    } else if (!audience.groups().isEmpty()) {
      Map<UserId, UserView> members = new LinkedHashMap<>();
      for (String group : audience.groups()) {
        for (UserView member : members(group)) {
          members.putIfAbsent(member.id(), member);
        }
      }
      candidates.addAll(members.values());
    } else {
      candidates.addAll(subscribers(app.definition.subscribers()));
    }
    Subscribers subscribers = app.definition.subscribers();
    Optional<Program> filter = app.filter(rule.table().name());
    List<UserView> result = new ArrayList<>();
    for (UserView user : candidates) {
      if (!Subscriptions.includes(subscribers, user)) {
        continue;
      }
      if (filter.isPresent() && (record == null || !sees(filter.get(), record, user))) {
        continue;
      }
      result.add(user);
    }
    return result;
  }

  /** Whether the per-user filter lets {@code user} see {@code record}. */
  boolean sees(Program filter, Map<String, Object> record, UserView user) {
    return filter.test(new Bindings(record, Map.of(), binding(user), now, today));
  }

  /** What CEL sees as {@code user}: email, name, groups, id. */
  Map<String, Object> binding(UserView user) {
    return bindings.computeIfAbsent(
        user.id(),
        id ->
            Map.of(
                "email", user.email(),
                "name", user.displayName(),
                "groups", user.groups(),
                "id", id.toString()));
  }

  /** Every subscriber (active users only). */
  List<UserView> subscribers(Subscribers subscribers) {
    if (subscribers.allUsers()) {
      if (active == null) {
        active = users.active(tenant);
      }
      return active;
    }
    Map<UserId, UserView> result = new LinkedHashMap<>();
    for (String email : subscribers.users()) {
      user(email).ifPresent(user -> result.putIfAbsent(user.id(), user));
    }
    for (String group : subscribers.groups()) {
      for (UserView member : members(group)) {
        result.putIfAbsent(member.id(), member);
      }
    }
    return new ArrayList<>(result.values());
  }

  Optional<UserView> user(String email) {
    String normalized = email.trim().toLowerCase(Locale.ROOT);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    return byEmail.computeIfAbsent(normalized, e -> users.byEmail(tenant, e));
  }

  private List<UserView> members(String group) {
    return groups.computeIfAbsent(group, g -> users.members(tenant, g));
  }

  private Optional<String> emailOf(
      CompiledMicroapp app, CompiledRule rule, Map<String, Object> record) {
    if (record == null) {
      return Optional.empty();
    }
    String column = rule.rule().audience().column().orElseThrow();
    if (rule.audienceVia().isEmpty()) {
      return text(record.get(column));
    }
    CompiledMicroapp.Audience via = rule.audienceVia().get();
    Optional<String> key = text(record.get(via.fromColumn()));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> other =
        related.computeIfAbsent(
            via.table() + "\u0000" + key.get(),
            k -> {
              TableSpec table = app.spec.table(via.table()).orElseThrow();
              List<CachedRecord> found =
                  cache.find(new TableRef(tenant, app.spec.id(), via.table()), List.of(key.get()));
              return found.isEmpty() ? Map.of() : RecordValues.of(table, found.get(0).payload());
            });
    return text(other.get(via.emailColumn()));
  }

  private static Optional<String> text(Object value) {
    if (value == null || value == NullValue.NULL_VALUE) {
      return Optional.empty();
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
