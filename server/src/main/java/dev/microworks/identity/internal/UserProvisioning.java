package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Just-in-time provisioning for identity providers (OIDC, LDAP / Active Directory): the one way an
 * external sign-in becomes a local account. Call it after the provider has proven the identity,
 * then hand the account to {@link SignIns#signIn} with the matching {@link SignInMethod}.
 *
 * <ul>
 *   <li>The account is found by (source, external id). A new one is created active, with role USER;
 *       later sign-ins update its e-mail and display name from the provider.
 *   <li>An e-mail that already belongs to another account (a local one, or one of another provider)
 *       is refused, not linked: a provider asserting an address must not take over an account it
 *       did not create.
 *   <li>A disabled account is refused.
 *   <li>Groups: the provider's group names become memberships of that source; groups are created
 *       when missing, and memberships of that source the provider no longer names are removed.
 *       Memberships an administrator added (LOCAL) are left alone. Roles come from the groups'
 *       roles, which administrators set (group mapping).
 * </ul>
 *
 * Every creation, refusal and membership change is audited.
 */
@Service
class UserProvisioning {

  /**
   * Who a provider vouched for.
   *
   * @param source OIDC or LDAP
   * @param externalId the provider's stable id (OIDC: issuer and subject; LDAP: the entry's DN or
   *     objectGUID)
   * @param email the e-mail claim or attribute
   * @param displayName the name claim or attribute; the e-mail's local part when blank
   * @param groups the provider's group names
   */
  record ExternalIdentity(
      UserSource source, String externalId, String email, String displayName, Set<String> groups) {

    public ExternalIdentity {
      Objects.requireNonNull(source, "source");
      if (source == UserSource.LOCAL) {
        throw new IllegalArgumentException("local accounts are not provisioned");
      }
      Objects.requireNonNull(externalId, "externalId");
      groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
  }

  private final JdbcUsers users;
  private final Accounts accounts;
  private final JdbcGroups groups;
  private final IdentityAudit audit;
  private final TransactionOperations transactions;
  private final Clock clock;

  UserProvisioning(
      JdbcUsers users,
      Accounts accounts,
      JdbcGroups groups,
      IdentityAudit audit,
      TransactionOperations transactions,
      Optional<Clock> clock) {
    this.users = users;
    this.accounts = accounts;
    this.groups = groups;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * The account of {@code identity} in {@code tenant}, created or updated.
   *
   * @throws ProvisioningRefused when the identity may not sign in (audited)
   */
  Account provision(TenantId tenant, ExternalIdentity identity) {
    String via = identity.source().name().toLowerCase(Locale.ROOT);
    String email = Emails.normalise(identity.email());
    if (!Emails.plausible(email)) {
      throw refuse(tenant, identity, email, "the provider sent no usable e-mail address");
    }
    String name =
        identity.displayName() == null || identity.displayName().isBlank()
            ? Emails.localPart(email)
            : identity.displayName().strip();
    String displayName = name.length() > 200 ? name.substring(0, 200) : name;
    Optional<Account> known = users.account(tenant, identity.source(), identity.externalId());
    Optional<Account> sameEmail = users.account(tenant, email);
    if (sameEmail.isPresent()
        && (known.isEmpty() || !sameEmail.get().id().equals(known.get().id()))) {
      throw refuse(
          tenant,
          identity,
          email,
          "e-mail already belongs to a " + sameEmail.get().source() + " account");
    }
    Account account;
    if (known.isPresent()) {
      account = known.get();
      if (!account.active()) {
        throw refuse(tenant, identity, email, "account disabled");
      }
      if (!account.email().equals(email)) {
        accounts.setEmail(account.id(), email);
        audit.ok(
            tenant,
            IdentityAudit.SYSTEM,
            "user.email.changed",
            email,
            "via",
            via,
            "was",
            account.email());
      }
      if (!account.displayName().equals(displayName)) {
        accounts.setDisplayName(account.id(), displayName);
      }
    } else {
      account =
          transactions.execute(
              status -> {
                var id =
                    accounts
                        .insert(
                            new Accounts.NewAccount(
                                tenant,
                                email,
                                displayName,
                                identity.source(),
                                identity.externalId(),
                                null,
                                false,
                                false),
                            clock.instant())
                        .orElseThrow(
                            () -> new ProvisioningRefused("created concurrently; sign in again"));
                accounts.grant(id, Role.USER);
                return users.account(id).orElseThrow();
              });
      audit.ok(
          tenant,
          IdentityAudit.SYSTEM,
          "user.provisioned",
          email,
          "via",
          via,
          "roles",
          Role.USER.name());
    }
    syncGroups(tenant, account, identity, via);
    return users.account(account.id()).orElseThrow();
  }

  private void syncGroups(TenantId tenant, Account account, ExternalIdentity identity, String via) {
    Set<String> wanted = new TreeSet<>();
    identity.groups().stream()
        .map(String::strip)
        .filter(name -> !name.isEmpty() && name.length() <= 200)
        .forEach(wanted::add);
    List<String> current = groups.membershipsBy(account.id(), identity.source());
    for (String name : wanted) {
      if (!current.contains(name)) {
        var group = groups.ensure(tenant, name, identity.source(), clock.instant());
        if (groups.addMember(group, account.id(), identity.source())) {
          audit.ok(
              tenant,
              IdentityAudit.SYSTEM,
              "group.member.added",
              name,
              "user",
              account.email(),
              "via",
              via);
        }
      }
    }
    for (String name : current) {
      if (!wanted.contains(name)) {
        groups.idOf(tenant, name).ifPresent(group -> groups.removeMember(group, account.id()));
        audit.ok(
            tenant,
            IdentityAudit.SYSTEM,
            "group.member.removed",
            name,
            "user",
            account.email(),
            "via",
            via);
      }
    }
  }

  private ProvisioningRefused refuse(
      TenantId tenant, ExternalIdentity identity, String email, String reason) {
    audit.refused(
        tenant,
        IdentityAudit.SYSTEM,
        "user.provisioned",
        email.isEmpty() ? identity.externalId() : email,
        "via",
        identity.source().name().toLowerCase(Locale.ROOT),
        "reason",
        reason);
    return new ProvisioningRefused("sign-in through " + identity.source() + " refused: " + reason);
  }
}
