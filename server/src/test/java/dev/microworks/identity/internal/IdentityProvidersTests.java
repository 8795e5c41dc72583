package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** LDAP configuration is checked at start-up, every problem named at once. */
class IdentityProvidersTests {

  @Test
  void aMisconfiguredDirectoryStopsTheStart_withEveryProblemNamed() {
    LdapProperties broken =
        new LdapProperties(
            "http://directory.example.com",
            " ",
            "ou=people",
            "(uid={0})",
            "ou=groups",
            "(member={0})",
            "cn=manager,dc=example,dc=com",
            Path.of("/nonexistent/manager-password"),
            "mail",
            "cn");

    assertThatThrownBy(() -> IdentityProviders.directory(broken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("microworks.identity.ldap.base-dn is required")
        .hasMessageContaining("microworks.identity.ldap.url must start with ldap:// or ldaps://")
        .hasMessageContaining(
            "microworks.identity.ldap.manager-password-file /nonexistent/manager-password cannot"
                + " be read");
  }

  @Test
  void aManagerWithoutAPasswordFileIsRefused() {
    LdapProperties noPassword =
        new LdapProperties(
            "ldap://127.0.0.1:1",
            "dc=example,dc=com",
            "ou=people",
            "(uid={0})",
            "ou=groups",
            "(member={0})",
            "cn=manager,dc=example,dc=com",
            null,
            "mail",
            "cn");

    assertThatThrownBy(() -> IdentityProviders.directory(noPassword))
        .hasMessageContaining("manager-password-file is required with manager-dn");
  }
}
