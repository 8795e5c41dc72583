package dev.microworks.identity.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with an LDAP / Active Directory bind, {@code microworks.identity.ldap.*}. Off unless
 * {@link #url} is set.
 *
 * @param url the directory, {@code ldap://host:389} or {@code ldaps://host:636}
 * @param baseDn the base every search is relative to, e.g. {@code dc=example,dc=com}
 * @param userSearchBase where users are, relative to the base (default {@code ou=people})
 * @param userSearchFilter finds the user by what was typed, {@code {0}} (default {@code (uid={0})};
 *     Active Directory: {@code (sAMAccountName={0})} or {@code (userPrincipalName={0})})
 * @param groupSearchBase where groups are, relative to the base (default {@code ou=groups})
 * @param groupSearchFilter the user's groups; {@code {0}} is the user's DN, {@code {1}} what was
 *     typed (default {@code (member={0})}); the groups' {@code cn} become group names
 * @param managerDn who searches for the user before the bind; anonymous when blank
 * @param managerPasswordFile a file holding the manager's password (required with a manager DN;
 *     never logged)
 * @param emailAttribute the user's e-mail attribute (default {@code mail})
 * @param nameAttribute the user's display name attribute (default {@code cn})
 */
@ConfigurationProperties("microworks.identity.ldap")
record LdapProperties(
    String url,
    String baseDn,
    @DefaultValue("ou=people") String userSearchBase,
    @DefaultValue("(uid={0})") String userSearchFilter,
    @DefaultValue("ou=groups") String groupSearchBase,
    @DefaultValue("(member={0})") String groupSearchFilter,
    String managerDn,
    Path managerPasswordFile,
    @DefaultValue("mail") String emailAttribute,
    @DefaultValue("cn") String nameAttribute) {

  boolean enabled() {
    return url != null && !url.isBlank();
  }
}
