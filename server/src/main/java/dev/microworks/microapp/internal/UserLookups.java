package dev.microworks.microapp.internal;

import dev.microworks.identity.UserView;
import dev.microworks.identity.Users;
import dev.microworks.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The rule engine's view of users, looked up by e-mail and by group, kept {@value #TTL_SECONDS} s:
 * a sync touching the same people page after page looks each up once, not once per page. A user
 * disabled, regrouped or created meanwhile is seen within that time.
 */
@Component
class UserLookups {

  static final long TTL_SECONDS = 30;
  private static final Duration TTL = Duration.ofSeconds(TTL_SECONDS);
  private static final int MAX_ENTRIES = 200_000;

  private final Users users;
  private final Map<String, Entry<Optional<UserView>>> byEmail = new ConcurrentHashMap<>();
  private final Map<String, Entry<List<UserView>>> byGroup = new ConcurrentHashMap<>();
  private final Map<TenantId, Entry<List<UserView>>> active = new ConcurrentHashMap<>();

  private record Entry<T>(T value, long at) {
    boolean fresh() {
      return System.nanoTime() - at < TTL.toNanos();
    }
  }

  UserLookups(Users users) {
    this.users = users;
  }

  Optional<UserView> byEmail(TenantId tenant, String email) {
    return cached(byEmail, tenant.value() + "/" + email, () -> users.findByEmail(tenant, email));
  }

  List<UserView> members(TenantId tenant, String group) {
    return cached(byGroup, tenant.value() + "/" + group, () -> users.membersOf(tenant, group));
  }

  List<UserView> active(TenantId tenant) {
    return cached(active, tenant, () -> users.active(tenant));
  }

  private static <K, T> T cached(Map<K, Entry<T>> map, K key, java.util.function.Supplier<T> load) {
    Entry<T> entry = map.get(key);
    if (entry != null && entry.fresh()) {
      return entry.value();
    }
    if (map.size() > MAX_ENTRIES) {
      map.clear();
    }
    T value = load.get();
    map.put(key, new Entry<>(value, System.nanoTime()));
    return value;
  }
}
