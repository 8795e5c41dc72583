package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserSource;
import dev.microworks.identity.UserStatus;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The bootstrap admin user: created at the first start (e-mail {@code
 * microworks.identity.bootstrap.admin-email}, role ADMIN, a password change due), its first
 * password being the bootstrap token; the bootstrap token authenticates the API as this user. A
 * start with {@code microworks.identity.bootstrap.rotate=true} also restores its access (active,
 * unlocked, ADMIN): the way back in for an operator who lost every administrator.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {

  private static final TenantId TENANT = TenantId.DEFAULT;

  private final JdbcUsers users;
  private final Accounts accounts;
  private final IdentityAudit audit;
  private final BootstrapTokenProperties properties;
  private final TransactionOperations transactions;
  private final Clock clock;

  BootstrapAdmin(
      JdbcUsers users,
      Accounts accounts,
      IdentityAudit audit,
      BootstrapTokenProperties properties,
      TransactionOperations transactions,
      Optional<Clock> clock) {
    this.users = users;
    this.accounts = accounts;
    this.audit = audit;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public void run(ApplicationArguments args) {
    ensure();
    if (properties.rotate()) {
      restore();
    }
  }

  /** Creates the bootstrap admin unless it exists; safe when several nodes start at once. */
  void ensure() {
    if (users.bootstrapAdmin(TENANT).isPresent()) {
      return;
    }
    String email = Emails.normalise(properties.adminEmail());
    Boolean created =
        transactions.execute(
            status ->
                accounts
                    .insert(
                        new Accounts.NewAccount(
                            TENANT,
                            email,
                            "Administrator",
                            UserSource.LOCAL,
                            null,
                            null,
                            true,
                            true),
                        clock.instant())
                    .map(id -> accounts.grant(id, Role.ADMIN))
                    .isPresent());
    if (Boolean.TRUE.equals(created)) {
      audit.ok(
          TENANT,
          IdentityAudit.SYSTEM,
          "user.created",
          email,
          "bootstrap_admin",
          "true",
          "roles",
          Role.ADMIN.name());
    } else if (users.bootstrapAdmin(TENANT).isEmpty()) {
      throw new IllegalStateException(
          "microworks.identity.bootstrap.admin-email is "
              + email
              + ", which belongs to an existing user that is not the bootstrap admin; choose"
              + " another address for the bootstrap admin.");
    }
  }

  private void restore() {
    Account admin = users.bootstrapAdmin(TENANT).orElseThrow();
    transactions.executeWithoutResult(
        status -> {
          accounts.setStatus(admin.id(), UserStatus.ACTIVE);
          accounts.unlock(admin.id());
          accounts.grant(admin.id(), Role.ADMIN);
        });
    audit.ok(TENANT, IdentityAudit.SYSTEM, "bootstrap.admin.restored", admin.email());
  }
}
