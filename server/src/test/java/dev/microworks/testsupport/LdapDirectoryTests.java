package dev.microworks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-memory LDAP directory on its own: binds, group search, and agreement with TestUser. */
class LdapDirectoryTests {

  private static LdapDirectory ldap;

  @BeforeAll
  static void startDirectory() {
    ldap = LdapDirectory.start();
  }

  @AfterAll
  static void stopDirectory() {
    ldap.close();
  }

  @Test
  void listensOnTheLoopbackAddressOnly() throws Exception {
    LDAPURL url = new LDAPURL(ldap.url());

    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(ldap.server().getListenAddress("ldap").isLoopbackAddress()).isTrue();
  }

  @Test
  void aliceBindsWithHerPassword() throws Exception {
    try (LDAPConnection connection = connect()) {
      BindResult result = connection.bind(ldap.userDn("alice"), TestUser.ALICE.password());

      assertThat(result.getResultCode()).isEqualTo(ResultCode.SUCCESS);
    }
  }

  @Test
  void aWrongPasswordDoesNotBind() throws Exception {
    try (LDAPConnection connection = connect()) {
      assertThatThrownBy(() -> connection.bind(ldap.userDn("alice"), "bob-password"))
          .isInstanceOfSatisfying(
              LDAPException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }
  }

  @Test
  void theManagerBindsAndFindsAliceByUidThenHerGroupsByMember() throws Exception {
    try (LDAPConnection connection = connect()) {
      connection.bind(ldap.managerDn(), ldap.managerPassword());

      SearchResultEntry alice =
          connection.searchForEntry(
              ldap.peopleDn(), SearchScope.SUB, Filter.createEqualityFilter("uid", "alice"));

      assertThat(alice.getDN()).isEqualTo(ldap.userDn("alice"));
      assertThat(groupsOf(connection, alice.getDN()))
          .containsExactlyInAnyOrder("engineering", "microapp-admins");
    }
  }

  @Test
  void theDirectoryHoldsExactlyTheTestUsers() throws Exception {
    try (LDAPConnection connection = connect()) {
      assertThat(
              connection
                  .search(ldap.peopleDn(), SearchScope.ONE, Filter.create("(objectClass=person)"))
                  .getEntryCount())
          .isEqualTo(TestUser.all().size());
      for (TestUser user : TestUser.all()) {
        SearchResultEntry entry = connection.getEntry(ldap.userDn(user.login()));
        assertThat(entry).as(user.login()).isNotNull();
        assertThat(entry.getAttributeValue("cn")).isEqualTo(user.name());
        assertThat(entry.getAttributeValue("mail")).isEqualTo(user.email());
        assertThat(groupsOf(connection, entry.getDN()))
            .as("groups of %s", user.login())
            .containsExactlyInAnyOrderElementsOf(user.groups());
        try (LDAPConnection own = connect()) {
          assertThat(own.bind(entry.getDN(), user.password()).getResultCode())
              .isEqualTo(ResultCode.SUCCESS);
        }
      }
    }
  }

  private static List<String> groupsOf(LDAPConnection connection, String userDn)
      throws LDAPException {
    return connection
        .search(
            ldap.groupsDn(), SearchScope.SUB, Filter.createEqualityFilter("member", userDn), "cn")
        .getSearchEntries()
        .stream()
        .map(group -> group.getAttributeValue("cn"))
        .toList();
  }

  private static LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", ldap.port());
  }
}
