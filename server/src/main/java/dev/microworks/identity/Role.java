package dev.microworks.identity;

import java.util.Locale;

/**
 * What a user may do. Roles are ordered: {@code ADMIN} includes {@code MICROAPP_ADMIN}, which
 * includes {@code USER} (a Spring Security role hierarchy), so an endpoint declared for {@code
 * USER} is open to every signed-in role.
 *
 * <p>Endpoints declare the role they need with {@code @PreAuthorize("hasRole('ADMIN')")} (and so
 * on) on the controller class or method; a handler without a declaration is refused to everyone.
 */
public enum Role {
  /** The workspace: feed, microapps the user subscribes to, the user's own tokens. */
  USER,
  /**
   * Integrations, microapps, syncs and the data cache explorer. Never a credential value (the
   * credential API is write-only for everyone).
   */
  MICROAPP_ADMIN,
  /** Users, groups, roles, keys, connectors and the audit log; everything a microapp admin does. */
  ADMIN;

  /** The Spring Security authority, {@code ROLE_<name>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Whether holding this role grants {@code other} (the hierarchy). */
  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }

  /**
   * The role named {@code name}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String name) {
    if (name != null) {
      for (Role role : values()) {
        if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("unknown role; expected one of USER, MICROAPP_ADMIN, ADMIN");
  }
}
