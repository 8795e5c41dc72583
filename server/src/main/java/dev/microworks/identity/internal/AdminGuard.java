package dev.microworks.identity.internal;

import dev.microworks.tenant.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps at least one active administrator: changes to statuses, roles, groups and memberships run
 * one at a time (a transaction-scoped advisory lock) and are rolled back if afterwards no active
 * user holds ADMIN.
 */
@Component
class AdminGuard {

  /** Arbitrary, fixed: the advisory lock that serialises identity administration. */
  private static final long LOCK = 0x4D57_4944_454E_5400L;

  private final JdbcClient jdbc;
  private final JdbcUsers users;

  AdminGuard(JdbcClient jdbc, JdbcUsers users) {
    this.jdbc = jdbc;
    this.users = users;
  }

  /** Call first inside the transaction that changes who holds what. */
  void lock() {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query().listOfRows();
  }

  /**
   * Call last inside that transaction.
   *
   * @throws IdentityException 409 when no active administrator would remain (rolling it back)
   */
  void requireAnAdmin(TenantId tenant, String change) {
    if (users.activeAdmins(tenant) == 0) {
      throw IdentityException.conflict(
          change
              + " would leave no active user holding ADMIN; grant ADMIN to another user first."
              + " Nothing was changed.");
    }
  }
}
