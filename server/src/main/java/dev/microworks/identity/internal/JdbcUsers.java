package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.identity.Users;
import dev.microworks.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Users read from {@code app_user} and their roles and groups; the module's {@link Users}. */
@Service
class JdbcUsers implements Users {

  private static final String ACCOUNT_COLUMNS =
      "id, tenant_id, email, display_name, status, source, external_id, bootstrap_admin,"
          + " must_change_password, failed_logins, locked_until, totp_enabled, session_epoch,"
          + " created_at";

  private final JdbcClient jdbc;

  JdbcUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<UserView> find(TenantId tenant, UserId id) {
    return account(id).filter(account -> account.tenant().equals(tenant)).map(this::view);
  }

  @Override
  public Optional<UserView> findByEmail(TenantId tenant, String email) {
    return account(tenant, email).map(this::view);
  }

  @Override
  public List<String> groupsOf(TenantId tenant, UserId id) {
    return jdbc.sql(
            "SELECT g.name FROM app_group g JOIN group_member m ON m.group_id = g.id"
                + " WHERE m.user_id = ? AND g.tenant_id = ? ORDER BY g.name")
        .params(id.value(), tenant.value())
        .query(String.class)
        .list();
  }

  @Override
  public List<UserView> membersOf(TenantId tenant, String groupName) {
    return jdbc
        .sql(
            "SELECT "
                + prefixed("u.")
                + " FROM app_user u JOIN group_member m ON m.user_id = u.id"
                + " JOIN app_group g ON g.id = m.group_id"
                + " WHERE g.tenant_id = ? AND g.name = ? ORDER BY u.email")
        .params(tenant.value(), groupName)
        .query((row, n) -> account(row))
        .list()
        .stream()
        .map(this::view)
        .toList();
  }

  @Override
  public List<UserView> active(TenantId tenant) {
    return accounts(tenant).stream()
        .map(this::view)
        .filter(user -> user.status() == dev.microworks.identity.UserStatus.ACTIVE)
        .toList();
  }

  /** Every account of the tenant, by e-mail. */
  List<Account> accounts(TenantId tenant) {
    return jdbc.sql(
            "SELECT " + ACCOUNT_COLUMNS + " FROM app_user WHERE tenant_id = ? ORDER BY email")
        .param(tenant.value())
        .query((row, n) -> account(row))
        .list();
  }

  Optional<Account> account(UserId id) {
    return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM app_user WHERE id = ?")
        .param(id.value())
        .query((row, n) -> account(row))
        .optional();
  }

  Optional<Account> account(TenantId tenant, String email) {
    return jdbc.sql(
            "SELECT " + ACCOUNT_COLUMNS + " FROM app_user WHERE tenant_id = ? AND email = ?")
        .params(tenant.value(), Emails.normalise(email))
        .query((row, n) -> account(row))
        .optional();
  }

  Optional<Account> account(TenantId tenant, UserSource source, String externalId) {
    return jdbc.sql(
            "SELECT "
                + ACCOUNT_COLUMNS
                + " FROM app_user WHERE tenant_id = ? AND source = ? AND external_id = ?")
        .params(tenant.value(), source.name(), externalId)
        .query((row, n) -> account(row))
        .optional();
  }

  Optional<Account> bootstrapAdmin(TenantId tenant) {
    return jdbc.sql(
            "SELECT " + ACCOUNT_COLUMNS + " FROM app_user WHERE tenant_id = ? AND bootstrap_admin")
        .param(tenant.value())
        .query((row, n) -> account(row))
        .optional();
  }

  UserView view(Account account) {
    return new UserView(
        account.id(),
        account.email(),
        account.displayName(),
        account.status(),
        account.source(),
        directRoles(account.id()),
        effectiveRoles(account.id()),
        groupsOf(account.tenant(), account.id()),
        account.totpEnabled(),
        account.createdAt());
  }

  Set<Role> directRoles(UserId id) {
    return roles(
        jdbc.sql("SELECT role FROM user_role WHERE user_id = ?")
            .param(id.value())
            .query(String.class)
            .list());
  }

  /** The user's roles and those of the user's groups. */
  Set<Role> effectiveRoles(UserId id) {
    return roles(
        jdbc.sql(
                "SELECT role FROM user_role WHERE user_id = ?"
                    + " UNION SELECT r.role FROM group_role r"
                    + " JOIN group_member m ON m.group_id = r.group_id WHERE m.user_id = ?")
            .params(id.value(), id.value())
            .query(String.class)
            .list());
  }

  /** How many active users hold ADMIN, directly or through a group. */
  int activeAdmins(TenantId tenant) {
    return jdbc.sql(
            "SELECT count(*) FROM app_user u WHERE u.tenant_id = ? AND u.status = 'ACTIVE' AND ("
                + " EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'ADMIN')"
                + " OR EXISTS (SELECT 1 FROM group_role r JOIN group_member m"
                + " ON m.group_id = r.group_id WHERE m.user_id = u.id AND r.role = 'ADMIN'))")
        .param(tenant.value())
        .query(Integer.class)
        .single();
  }

  private static Set<Role> roles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    names.forEach(name -> roles.add(Role.valueOf(name)));
    return roles;
  }

  private static String prefixed(String alias) {
    return alias + ACCOUNT_COLUMNS.replace(", ", ", " + alias);
  }

  static Account account(ResultSet row) throws SQLException {
    return new Account(
        new UserId(row.getObject("id", UUID.class)),
        new TenantId(row.getObject("tenant_id", UUID.class)),
        row.getString("email"),
        row.getString("display_name"),
        UserStatus.valueOf(row.getString("status")),
        UserSource.valueOf(row.getString("source")),
        row.getString("external_id"),
        row.getBoolean("bootstrap_admin"),
        row.getBoolean("must_change_password"),
        row.getInt("failed_logins"),
        instant(row.getTimestamp("locked_until")),
        row.getBoolean("totp_enabled"),
        row.getInt("session_epoch"),
        instant(row.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
