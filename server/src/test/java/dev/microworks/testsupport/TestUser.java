package dev.microworks.testsupport;

import java.util.List;

/**
 * The people of the identity tests, the same in the OpenID Connect provider ({@link
 * OidcProvider.Config#standard()}) and the LDAP directory ({@code ldap/directory.ldif}, checked by
 * {@code LdapDirectoryTests}): alice (engineering, microapp-admins), bob (engineering), carol (no
 * group). Not a record: {@link #toString()} leaves the password out.
 */
public final class TestUser {

  public static final TestUser ALICE =
      new TestUser(
          "alice",
          "alice-password",
          "Alice Archer",
          "alice@example.com",
          List.of("engineering", "microapp-admins"));

  public static final TestUser BOB =
      new TestUser("bob", "bob-password", "Bob Baker", "bob@example.com", List.of("engineering"));

  public static final TestUser CAROL =
      new TestUser("carol", "carol-password", "Carol Cooper", "carol@example.com", List.of());

  private final String login;
  private final String password;
  private final String name;
  private final String email;
  private final List<String> groups;

  /** A user of one's own, e.g. for {@link OidcProvider.Config#withUser}. */
  public TestUser(String login, String password, String name, String email, List<String> groups) {
    this.login = login;
    this.password = password;
    this.name = name;
    this.email = email;
    this.groups = List.copyOf(groups);
  }

  /** alice, bob and carol. */
  public static List<TestUser> all() {
    return List.of(ALICE, BOB, CAROL);
  }

  /**
   * The login name: LDAP {@code uid}, OpenID Connect {@code sub} and {@code preferred_username}.
   */
  public String login() {
    return login;
  }

  public String password() {
    return password;
  }

  /** The display name: LDAP {@code cn}, OpenID Connect {@code name}. */
  public String name() {
    return name;
  }

  /** LDAP {@code mail}, OpenID Connect {@code email} (verified). */
  public String email() {
    return email;
  }

  /**
   * Group names: LDAP {@code cn} of the groups under {@code ou=groups}, the {@code groups} claim.
   */
  public List<String> groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "TestUser[" + login + "]";
  }
}
