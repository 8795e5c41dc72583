package dev.microworks.identity.internal;

import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.SpringSecurityLdapTemplate;
import org.springframework.security.ldap.authentication.BindAuthenticator;

/**
 * Sign-in form passwords checked by an LDAP / Active Directory bind: find the user's entry (with
 * {@link LdapProperties#userSearchFilter()}), bind as it with the password, read its groups with a
 * search; then provision the user just in time ({@link UserProvisioning}, source LDAP, external id
 * the entry's DN, groups the groups' {@code cn}).
 *
 * <p>The e-mail of a local account is not tried (its password never goes to the directory). Asked
 * after the local accounts, through {@link LoginAuthenticationManager}, so the throttle and the
 * audit apply. An unknown user, a wrong password, a directory that cannot be reached and a refused
 * provisioning all end in the same {@link LoginRefused}; the password is never logged.
 */
final class LdapAuthenticationProvider implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(LdapAuthenticationProvider.class);

  private final BindAuthenticator binds;
  private final SpringSecurityLdapTemplate searches;
  private final LdapProperties properties;
  private final UserProvisioning provisioning;
  private final SignIns signIns;
  private final JdbcUsers users;

  LdapAuthenticationProvider(
      BindAuthenticator binds,
      SpringSecurityLdapTemplate searches,
      LdapProperties properties,
      UserProvisioning provisioning,
      SignIns signIns,
      JdbcUsers users) {
    this.users = users;
    this.binds = binds;
    this.searches = searches;
    this.properties = properties;
    this.provisioning = provisioning;
    this.signIns = signIns;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String login = attempt.getName() == null ? "" : attempt.getName().strip();
    String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
    if (login.isEmpty() || password.isEmpty()) {
      throw new LoginRefused(LoginRefused.Reason.DIRECTORY_REFUSED);
    }
    if (users
        .account(TenantId.DEFAULT, Emails.normalise(login))
        .filter(account -> account.source() == UserSource.LOCAL)
        .isPresent()) {
      // a local account's password is not sent to the directory; the local refusal stands
      return null;
    }
    DirContextOperations entry;
    try {
      entry =
          binds.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login, password));
    } catch (BadCredentialsException | UsernameNotFoundException e) {
      throw new LoginRefused(LoginRefused.Reason.DIRECTORY_REFUSED);
    } catch (AuthenticationException | NamingException e) {
      log.warn("LDAP sign-in failed at {}: {}", properties.url(), e.getClass().getSimpleName());
      throw new LoginRefused(LoginRefused.Reason.DIRECTORY_UNAVAILABLE);
    }
    String dn = entry.getNameInNamespace();
    Set<String> groups;
    try {
      groups =
          searches.searchForSingleAttributeValues(
              properties.groupSearchBase(),
              properties.groupSearchFilter(),
              new String[] {dn, login},
              "cn");
    } catch (NamingException e) {
      log.warn(
          "LDAP group search failed at {}: {}", properties.url(), e.getClass().getSimpleName());
      throw new LoginRefused(LoginRefused.Reason.DIRECTORY_UNAVAILABLE);
    }
    Account account;
    try {
      account =
          provisioning.provision(
              TenantId.DEFAULT,
              new UserProvisioning.ExternalIdentity(
                  UserSource.LDAP,
                  dn,
                  entry.getStringAttribute(properties.emailAttribute()),
                  entry.getStringAttribute(properties.nameAttribute()),
                  groups));
    } catch (ProvisioningRefused refused) {
      throw new LoginRefused(LoginRefused.Reason.PROVISIONING_REFUSED);
    }
    return signIns.signIn(account, SignInMethod.LDAP);
  }
}
