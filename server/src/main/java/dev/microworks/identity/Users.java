package dev.microworks.identity;

import dev.microworks.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The users of a tenant, read-only. Microapp subscriptions and notification audiences use the
 * groups: {@link #groupsOf} and {@link #membersOf}.
 */
public interface Users {

  Optional<UserView> find(TenantId tenant, UserId id);

  /** The user with this e-mail address, compared case-insensitively. */
  Optional<UserView> findByEmail(TenantId tenant, String email);

  /** The names of the user's groups, sorted; empty for an unknown user. */
  List<String> groupsOf(TenantId tenant, UserId id);

  /** Every active user of the tenant, by e-mail (microapps subscribed by all users). */
  List<UserView> active(TenantId tenant);

  /** The members of the group named {@code groupName}, by e-mail; empty for an unknown group. */
  List<UserView> membersOf(TenantId tenant, String groupName);
}
