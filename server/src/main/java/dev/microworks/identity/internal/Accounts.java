package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.identity.UserStatus;
import dev.microworks.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes to {@code app_user} and {@code user_role}: new accounts, status, roles, passwords and the
 * failed-password count. No auditing here; the services that call these do it.
 */
@Service
class Accounts {

  /**
   * A new account.
   *
   * @param passwordHash an encoded password, or null (the bootstrap admin before its first
   *     password, or accounts of an identity provider)
   */
  record NewAccount(
      TenantId tenant,
      String email,
      String displayName,
      UserSource source,
      String externalId,
      String passwordHash,
      boolean mustChangePassword,
      boolean bootstrapAdmin) {

    @Override
    public String toString() {
      return "NewAccount[" + email + ", " + source + "]";
    }
  }

  /** What a session re-checks on every request. */
  record SessionState(
      UserStatus status, boolean mustChangePassword, int sessionEpoch, Set<Role> roles) {}

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the account unless its e-mail (or, for the bootstrap admin, the tenant's bootstrap
   * admin) exists.
   *
   * @return the new account's id, or empty when it existed
   */
  Optional<UserId> insert(NewAccount account, Instant now) {
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                "INSERT INTO app_user (id, tenant_id, email, display_name, status, source,"
                    + " external_id, bootstrap_admin, password_hash, password_changed_at,"
                    + " must_change_password, created_at)"
                    + " VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .params(
                id,
                account.tenant().value(),
                Emails.normalise(account.email()),
                account.displayName(),
                account.source().name(),
                account.externalId(),
                account.bootstrapAdmin(),
                account.passwordHash(),
                account.passwordHash() == null ? null : Timestamp.from(now),
                account.mustChangePassword(),
                Timestamp.from(now))
            .update();
    return inserted == 1 ? Optional.of(new UserId(id)) : Optional.empty();
  }

  /** Sets the status; disabling ends the user's sessions. Returns whether it changed. */
  boolean setStatus(UserId id, UserStatus status) {
    return jdbc.sql(
                "UPDATE app_user SET status = ?, session_epoch = session_epoch"
                    + " + CASE WHEN ? = 'DISABLED' THEN 1 ELSE 0 END"
                    + " WHERE id = ? AND status <> ?")
            .params(status.name(), status.name(), id.value(), status.name())
            .update()
        == 1;
  }

  void setDisplayName(UserId id, String displayName) {
    jdbc.sql("UPDATE app_user SET display_name = ? WHERE id = ?")
        .params(displayName, id.value())
        .update();
  }

  void setEmail(UserId id, String email) {
    jdbc.sql("UPDATE app_user SET email = ? WHERE id = ?")
        .params(Emails.normalise(email), id.value())
        .update();
  }

  /** Grants {@code role}; returns whether the user lacked it. */
  boolean grant(UserId id, Role role) {
    return jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(id.value(), role.name())
            .update()
        == 1;
  }

  /** Revokes {@code role}; returns whether the user had it. */
  boolean revoke(UserId id, Role role) {
    return jdbc.sql("DELETE FROM user_role WHERE user_id = ? AND role = ?")
            .params(id.value(), role.name())
            .update()
        == 1;
  }

  /**
   * The stored password hash; empty when the account has none. Only the password check reads it.
   */
  Optional<String> passwordHash(UserId id) {
    return jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?")
        .param(id.value())
        .query(String.class)
        .optional();
  }

  /**
   * Sets a new password hash. Every session of the user ends (a session that should survive takes
   * the new epoch, {@link SessionState#sessionEpoch()}); a lockout is lifted.
   */
  void setPassword(UserId id, String hash, boolean mustChange, Instant now) {
    jdbc.sql(
            "UPDATE app_user SET password_hash = ?, password_changed_at = ?,"
                + " must_change_password = ?, failed_logins = 0, locked_until = NULL,"
                + " session_epoch = session_epoch + 1 WHERE id = ?")
        .params(hash, Timestamp.from(now), mustChange, id.value())
        .update();
  }

  /** Replaces the hash of the same password (a stronger encoding); nothing else changes. */
  void rehash(UserId id, String hash) {
    jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?")
        .params(hash, id.value())
        .update();
  }

  /**
   * Counts a wrong password; the {@code maxFailures}-th in a row locks the account for {@code
   * lockFor} (and starts the count again).
   *
   * @return whether this failure locked the account
   */
  boolean recordFailure(UserId id, int maxFailures, Duration lockFor, Instant now) {
    return jdbc.sql(
            "UPDATE app_user SET"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0"
                + " ELSE failed_logins + 1 END"
                + " WHERE id = ? RETURNING failed_logins = 0")
        .params(maxFailures, Timestamp.from(now.plus(lockFor)), maxFailures, id.value())
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  void recordSuccess(UserId id) {
    jdbc.sql(
            "UPDATE app_user SET failed_logins = 0, locked_until = NULL"
                + " WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
        .param(id.value())
        .update();
  }

  /** Lifts a lockout and clears the failed-password count. */
  void unlock(UserId id) {
    recordSuccess(id);
  }

  /** The state a session depends on, in one round trip; empty when the user no longer exists. */
  Optional<SessionState> sessionState(UserId id) {
    return jdbc.sql(
            "SELECT u.status, u.must_change_password, u.session_epoch,"
                + " ARRAY(SELECT role FROM user_role WHERE user_id = u.id"
                + " UNION SELECT r.role FROM group_role r JOIN group_member m"
                + " ON m.group_id = r.group_id WHERE m.user_id = u.id) AS roles"
                + " FROM app_user u WHERE u.id = ?")
        .param(id.value())
        .query(
            (row, n) -> {
              Set<Role> roles = EnumSet.noneOf(Role.class);
              for (Object role : (Object[]) row.getArray("roles").getArray()) {
                roles.add(Role.valueOf((String) role));
              }
              return new SessionState(
                  UserStatus.valueOf(row.getString("status")),
                  row.getBoolean("must_change_password"),
                  row.getInt("session_epoch"),
                  roles);
            })
        .optional();
  }
}
