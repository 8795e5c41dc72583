package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What administrators do to groups: create and delete them, grant roles to their members, add and
 * remove members. Audited after commit; at least one active administrator always remains.
 */
@Service
class GroupManagement {

  private final JdbcGroups groups;
  private final JdbcUsers users;
  private final AdminGuard guard;
  private final IdentityAudit audit;
  private final TransactionOperations transactions;
  private final Clock clock;

  GroupManagement(
      JdbcGroups groups,
      JdbcUsers users,
      AdminGuard guard,
      IdentityAudit audit,
      TransactionOperations transactions,
      Optional<Clock> clock) {
    this.groups = groups;
    this.users = users;
    this.guard = guard;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  JdbcGroups.Group create(TenantId tenant, String actor, String name, List<String> roles) {
    List<String> problems = new ArrayList<>();
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 200) {
      problems.add("name: expected 1 to 200 characters");
    }
    Set<Role> granted = UserManagement.parseRoles(roles == null ? List.of() : roles, problems);
    if (!problems.isEmpty()) {
      throw IdentityException.invalid("the new group", problems);
    }
    UUID id =
        transactions.execute(
            status -> {
              UUID created =
                  groups
                      .create(tenant, trimmed, UserSource.LOCAL, clock.instant())
                      .orElseThrow(
                          () ->
                              IdentityException.conflict("A group named " + trimmed + " exists."));
              granted.forEach(role -> groups.grant(created, role));
              return created;
            });
    audit.ok(tenant, actor, "group.created", trimmed, "roles", UserManagement.names(granted));
    return group(tenant, id);
  }

  void delete(TenantId tenant, String actor, UUID id) {
    JdbcGroups.Group group = group(tenant, id);
    transactions.executeWithoutResult(
        tx -> {
          guard.lock();
          groups.delete(tenant, id);
          guard.requireAnAdmin(tenant, "Deleting group " + group.name());
        });
    audit.ok(
        tenant,
        actor,
        "group.deleted",
        group.name(),
        "roles",
        UserManagement.names(group.roles()),
        "members",
        Integer.toString(group.members().size()));
  }

  JdbcGroups.Group setRoles(TenantId tenant, String actor, UUID id, List<String> roles) {
    JdbcGroups.Group group = group(tenant, id);
    List<String> problems = new ArrayList<>();
    Set<Role> wanted = UserManagement.parseRoles(roles == null ? List.of() : roles, problems);
    if (roles == null) {
      problems.add("roles: expected a list such as [\"USER\"] (an empty list removes all)");
    }
    if (!problems.isEmpty()) {
      throw IdentityException.invalid("the roles of group " + group.name(), problems);
    }
    List<Runnable> audits = new ArrayList<>();
    transactions.executeWithoutResult(
        tx -> {
          guard.lock();
          for (Role role : Role.values()) {
            if (wanted.contains(role) && groups.grant(id, role)) {
              audits.add(
                  () ->
                      audit.ok(
                          tenant, actor, "group.role.granted", group.name(), "role", role.name()));
            } else if (!wanted.contains(role) && groups.revoke(id, role)) {
              audits.add(
                  () ->
                      audit.ok(
                          tenant, actor, "group.role.revoked", group.name(), "role", role.name()));
            }
          }
          guard.requireAnAdmin(tenant, "This change to group " + group.name());
        });
    audits.forEach(Runnable::run);
    return group(tenant, id);
  }

  JdbcGroups.Group addMember(TenantId tenant, String actor, UUID id, UserId user) {
    JdbcGroups.Group group = group(tenant, id);
    Account member = member(tenant, user);
    if (groups.addMember(id, user, UserSource.LOCAL)) {
      audit.ok(tenant, actor, "group.member.added", group.name(), "user", member.email());
    }
    return group(tenant, id);
  }

  JdbcGroups.Group removeMember(TenantId tenant, String actor, UUID id, UserId user) {
    JdbcGroups.Group group = group(tenant, id);
    Account member = member(tenant, user);
    boolean removed =
        Boolean.TRUE.equals(
            transactions.execute(
                tx -> {
                  guard.lock();
                  boolean was = groups.removeMember(id, user);
                  guard.requireAnAdmin(
                      tenant, "Removing " + member.email() + " from group " + group.name());
                  return was;
                }));
    if (!removed) {
      throw IdentityException.notFound(
          member.email() + " is not a member of " + group.name() + ".");
    }
    audit.ok(tenant, actor, "group.member.removed", group.name(), "user", member.email());
    return group(tenant, id);
  }

  JdbcGroups.Group group(TenantId tenant, UUID id) {
    return groups
        .find(tenant, id)
        .orElseThrow(
            () ->
                IdentityException.notFound("No group " + id + "; GET /api/v1/groups lists them."));
  }

  private Account member(TenantId tenant, UserId user) {
    return users
        .account(user)
        .filter(account -> account.tenant().equals(tenant))
        .orElseThrow(
            () ->
                IdentityException.notFound("No user " + user + "; GET /api/v1/users lists them."));
  }
}
