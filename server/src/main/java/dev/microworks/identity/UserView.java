package dev.microworks.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What other modules may know about a user: never a password hash, a token or a seed.
 *
 * @param id the user's id
 * @param email lower-cased, unique within the tenant
 * @param displayName how to address the user
 * @param status active or disabled
 * @param source where the account comes from
 * @param roles the roles granted to the user directly
 * @param effectiveRoles the user's roles and those of the user's groups (without the hierarchy)
 * @param groups the names of the user's groups, sorted
 * @param mfaEnabled whether sign-in asks for a TOTP code
 * @param createdAt when the account was created
 */
public record UserView(
    UserId id,
    String email,
    String displayName,
    UserStatus status,
    UserSource source,
    Set<Role> roles,
    Set<Role> effectiveRoles,
    List<String> groups,
    boolean mfaEnabled,
    Instant createdAt) {

  public UserView {
    roles = Set.copyOf(roles);
    effectiveRoles = Set.copyOf(effectiveRoles);
    groups = List.copyOf(groups);
  }

  /** Whether the user holds {@code role}, through the hierarchy, directly or through a group. */
  public boolean has(Role role) {
    return effectiveRoles.stream().anyMatch(held -> held.includes(role));
  }
}
