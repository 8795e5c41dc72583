package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What administrators do to users: create local accounts, change status, display name and roles,
 * reset passwords. Every change is audited after it is committed; at least one active administrator
 * always remains ({@link AdminGuard}).
 */
@Service
class UserManagement {

  /** A temporary password just set: the only object holding it, for the one answer showing it. */
  static final class TemporaryPassword {
    private final String value;

    private TemporaryPassword(String value) {
      this.value = value;
    }

    String reveal() {
      return value;
    }

    @Override
    public String toString() {
      return "TemporaryPassword[…]";
    }
  }

  /** Letters and digits that cannot be mistaken for each other when read aloud or copied. */
  private static final char[] ALPHABET =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

  private static final int TEMPORARY_LENGTH = 20;

  private final JdbcUsers users;
  private final Accounts accounts;
  private final Passwords passwords;
  private final AdminGuard guard;
  private final IdentityAudit audit;
  private final TransactionOperations transactions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  UserManagement(
      JdbcUsers users,
      Accounts accounts,
      Passwords passwords,
      AdminGuard guard,
      IdentityAudit audit,
      TransactionOperations transactions,
      Optional<Clock> clock) {
    this.users = users;
    this.accounts = accounts;
    this.passwords = passwords;
    this.guard = guard;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * Creates a local account.
   *
   * @param roles the roles to grant; null means USER
   * @throws IdentityException 422 listing every problem, 409 when the e-mail is taken
   */
  UserView create(
      TenantId tenant,
      String actor,
      String email,
      String displayName,
      String password,
      List<String> roles,
      boolean mustChangePassword) {
    String normalised = Emails.normalise(email);
    List<String> problems = new ArrayList<>();
    if (!Emails.plausible(normalised)) {
      problems.add("email: expected an e-mail address such as ada@example.org");
    }
    String name =
        displayName == null || displayName.isBlank()
            ? Emails.localPart(normalised)
            : displayName.strip();
    if (name.isEmpty() || name.length() > 200) {
      problems.add("display_name: expected 1 to 200 characters");
    }
    PasswordPolicy.problems(password, normalised).forEach(p -> problems.add("password: " + p));
    Set<Role> granted = roles == null ? EnumSet.of(Role.USER) : parseRoles(roles, problems);
    if (!problems.isEmpty()) {
      throw IdentityException.invalid("the new user", problems);
    }
    String hash = passwords.hash(password);
    UserId id =
        transactions.execute(
            status -> {
              UserId created =
                  accounts
                      .insert(
                          new Accounts.NewAccount(
                              tenant,
                              normalised,
                              name,
                              UserSource.LOCAL,
                              null,
                              hash,
                              mustChangePassword,
                              false),
                          clock.instant())
                      .orElseThrow(
                          () ->
                              IdentityException.conflict(
                                  "A user with e-mail " + normalised + " exists."));
              granted.forEach(role -> accounts.grant(created, role));
              return created;
            });
    audit.ok(
        tenant,
        actor,
        "user.created",
        normalised,
        "source",
        "local",
        "roles",
        names(granted),
        "must_change_password",
        Boolean.toString(mustChangePassword));
    return users.find(tenant, id).orElseThrow();
  }

  /**
   * Changes what is given (null leaves it): status, display name, the set of direct roles.
   *
   * @throws IdentityException 404, 422, or 409 when no active administrator would remain
   */
  UserView update(
      TenantId tenant,
      String actor,
      UserId id,
      String status,
      String displayName,
      List<String> roles) {
    Account account = account(tenant, id);
    List<String> problems = new ArrayList<>();
    UserStatus newStatus = null;
    if (status != null) {
      try {
        newStatus = UserStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("status: expected ACTIVE or DISABLED");
      }
    }
    String newName = displayName == null ? null : displayName.strip();
    if (newName != null && (newName.isEmpty() || newName.length() > 200)) {
      problems.add("display_name: expected 1 to 200 characters");
    }
    Set<Role> newRoles = roles == null ? null : parseRoles(roles, problems);
    if (!problems.isEmpty()) {
      throw IdentityException.invalid("the change to " + account.email(), problems);
    }
    UserStatus finalStatus = newStatus;
    List<Runnable> audits = new ArrayList<>();
    transactions.executeWithoutResult(
        tx -> {
          guard.lock();
          if (finalStatus != null && accounts.setStatus(id, finalStatus)) {
            String action = finalStatus == UserStatus.DISABLED ? "user.disabled" : "user.enabled";
            audits.add(() -> audit.ok(tenant, actor, action, account.email()));
          }
          if (newName != null && !newName.equals(account.displayName())) {
            accounts.setDisplayName(id, newName);
            audits.add(
                () ->
                    audit.ok(
                        tenant, actor, "user.renamed", account.email(), "display_name", newName));
          }
          if (newRoles != null) {
            for (Role role : Role.values()) {
              if (newRoles.contains(role) && accounts.grant(id, role)) {
                audits.add(
                    () ->
                        audit.ok(
                            tenant, actor, "role.granted", account.email(), "role", role.name()));
              } else if (!newRoles.contains(role) && accounts.revoke(id, role)) {
                audits.add(
                    () ->
                        audit.ok(
                            tenant, actor, "role.revoked", account.email(), "role", role.name()));
              }
            }
          }
          guard.requireAnAdmin(tenant, "This change to " + account.email());
        });
    audits.forEach(Runnable::run);
    return users.find(tenant, id).orElseThrow();
  }

  /**
   * Sets a random temporary password that must be changed at the next sign-in, lifts a lockout and
   * ends the user's sessions. A second factor stays as it is: a reset never skips it.
   *
   * @throws IdentityException 404, or 409 for an account whose password is not kept here
   */
  TemporaryPassword resetPassword(TenantId tenant, String actor, UserId id) {
    Account account = account(tenant, id);
    if (account.source() != UserSource.LOCAL) {
      throw IdentityException.conflict(
          account.email()
              + " signs in through "
              + account.source()
              + "; its password is kept there, not here.");
    }
    StringBuilder value = new StringBuilder(TEMPORARY_LENGTH);
    for (int i = 0; i < TEMPORARY_LENGTH; i++) {
      value.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    TemporaryPassword temporary = new TemporaryPassword(value.toString());
    accounts.setPassword(id, passwords.hash(temporary.reveal()), true, clock.instant());
    audit.ok(
        tenant,
        actor,
        "password.reset",
        account.email(),
        "second_factor_kept",
        Boolean.toString(account.totpEnabled()));
    return temporary;
  }

  private Account account(TenantId tenant, UserId id) {
    return users
        .account(id)
        .filter(account -> account.tenant().equals(tenant))
        .orElseThrow(
            () -> IdentityException.notFound("No user " + id + "; GET /api/v1/users lists them."));
  }

  static Set<Role> parseRoles(List<String> names, List<String> problems) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      try {
        roles.add(Role.parse(name));
      } catch (IllegalArgumentException e) {
        problems.add("roles: " + e.getMessage());
      }
    }
    return roles;
  }

  static String names(Set<Role> roles) {
    return String.join(",", roles.stream().map(Role::name).sorted().toList());
  }
}
