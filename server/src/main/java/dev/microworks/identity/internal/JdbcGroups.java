package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Groups ({@code app_group}), their members and the roles they grant. No auditing here. */
@Service
class JdbcGroups {

  /** A group with its roles and its members' e-mail addresses. */
  record Group(
      UUID id, String name, UserSource source, Set<Role> roles, List<String> members, Instant at) {}

  private final JdbcClient jdbc;

  JdbcGroups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Group> all(TenantId tenant) {
    return jdbc
        .sql("SELECT id FROM app_group WHERE tenant_id = ? ORDER BY name")
        .param(tenant.value())
        .query(UUID.class)
        .list()
        .stream()
        .map(id -> find(tenant, id).orElseThrow())
        .toList();
  }

  Optional<Group> find(TenantId tenant, UUID id) {
    return jdbc.sql(
            "SELECT id, name, source, created_at FROM app_group WHERE tenant_id = ? AND id = ?")
        .params(tenant.value(), id)
        .query(
            (row, n) ->
                new Group(
                    id,
                    row.getString("name"),
                    UserSource.valueOf(row.getString("source")),
                    roles(id),
                    members(id),
                    row.getTimestamp("created_at").toInstant()))
        .optional();
  }

  Optional<UUID> idOf(TenantId tenant, String name) {
    return jdbc.sql("SELECT id FROM app_group WHERE tenant_id = ? AND name = ?")
        .params(tenant.value(), name)
        .query(UUID.class)
        .optional();
  }

  /** Creates the group unless one of that name exists; returns the id of the group either way. */
  UUID ensure(TenantId tenant, String name, UserSource source, Instant now) {
    jdbc.sql(
            "INSERT INTO app_group (id, tenant_id, name, source, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO NOTHING")
        .params(UUID.randomUUID(), tenant.value(), name, source.name(), Timestamp.from(now))
        .update();
    return idOf(tenant, name).orElseThrow();
  }

  /** Creates the group; empty when one of that name exists. */
  Optional<UUID> create(TenantId tenant, String name, UserSource source, Instant now) {
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                "INSERT INTO app_group (id, tenant_id, name, source, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO NOTHING")
            .params(id, tenant.value(), name, source.name(), Timestamp.from(now))
            .update();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  boolean delete(TenantId tenant, UUID id) {
    return jdbc.sql("DELETE FROM app_group WHERE tenant_id = ? AND id = ?")
            .params(tenant.value(), id)
            .update()
        == 1;
  }

  /** Adds the member; returns whether the user was not one already. */
  boolean addMember(UUID group, UserId user, UserSource source) {
    return jdbc.sql(
                "INSERT INTO group_member (group_id, user_id, source) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(group, user.value(), source.name())
            .update()
        == 1;
  }

  /** Removes the member; returns whether the user was one. */
  boolean removeMember(UUID group, UserId user) {
    return jdbc.sql("DELETE FROM group_member WHERE group_id = ? AND user_id = ?")
            .params(group, user.value())
            .update()
        == 1;
  }

  /** The names of the groups {@code user} is a member of through {@code source}. */
  List<String> membershipsBy(UserId user, UserSource source) {
    return jdbc.sql(
            "SELECT g.name FROM app_group g JOIN group_member m ON m.group_id = g.id"
                + " WHERE m.user_id = ? AND m.source = ? ORDER BY g.name")
        .params(user.value(), source.name())
        .query(String.class)
        .list();
  }

  boolean grant(UUID group, Role role) {
    return jdbc.sql("INSERT INTO group_role (group_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(group, role.name())
            .update()
        == 1;
  }

  boolean revoke(UUID group, Role role) {
    return jdbc.sql("DELETE FROM group_role WHERE group_id = ? AND role = ?")
            .params(group, role.name())
            .update()
        == 1;
  }

  Set<Role> roles(UUID group) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    jdbc.sql("SELECT role FROM group_role WHERE group_id = ?")
        .param(group)
        .query(String.class)
        .list()
        .forEach(role -> roles.add(Role.valueOf(role)));
    return roles;
  }

  private List<String> members(UUID group) {
    return jdbc.sql(
            "SELECT u.email FROM app_user u JOIN group_member m ON m.user_id = u.id"
                + " WHERE m.group_id = ? ORDER BY u.email")
        .param(group)
        .query(String.class)
        .list();
  }
}
