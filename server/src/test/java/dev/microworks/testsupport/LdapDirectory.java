package dev.microworks.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/**
 * A real LDAP directory in this JVM (UnboundID's in-memory server) on 127.0.0.1 and a free port,
 * filled from {@code ldap/directory.ldif}:
 *
 * <pre>
 * dc=example,dc=com
 *   ou=people   uid=alice|bob|carol  (inetOrgPerson: uid, cn, mail, userPassword — see TestUser)
 *   ou=groups   cn=engineering       (groupOfNames; member: alice, bob)
 *               cn=microapp-admins   (groupOfNames; member: alice)
 * </pre>
 *
 * <p>Users bind with their DN and {@link TestUser#password()}; a service account can bind as {@link
 * #managerDn()} with {@link #managerPassword()}; anonymous search is allowed. There is no {@code
 * memberOf}: find a user's groups with {@code (member=<user DN>)} under {@link #groupsDn()} (Spring
 * Security's default group search does that).
 *
 * <pre>{@code
 * try (LdapDirectory ldap = LdapDirectory.start()) {
 *   // spring.ldap.urls = ldap.url(), base = ldap.baseDn(),
 *   // user DN pattern "uid={0},ou=people", group search base "ou=groups", filter "(member={0})"
 * }
 * }</pre>
 */
public final class LdapDirectory implements AutoCloseable {

  public static final String BASE_DN = "dc=example,dc=com";
  public static final String LDIF = "/ldap/directory.ldif";

  private static final String MANAGER_DN = "cn=manager," + BASE_DN;
  private static final String MANAGER_PASSWORD = "manager-password";

  private final InMemoryDirectoryServer server;

  private LdapDirectory(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** The directory of {@code ldap/directory.ldif}, listening. */
  public static LdapDirectory start() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "ldap", InetAddress.getLoopbackAddress(), 0, null));
      config.addAdditionalBindCredentials(MANAGER_DN, MANAGER_PASSWORD);
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      try (InputStream ldif = LdapDirectory.class.getResourceAsStream(LDIF)) {
        if (ldif == null) {
          throw new IllegalStateException(LDIF + " is not on the test class path");
        }
        server.importFromLDIF(true, new LDIFReader(ldif));
      }
      server.startListening();
      return new LdapDirectory(server);
    } catch (LDAPException e) {
      throw new IllegalStateException("the in-memory LDAP directory did not start: " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ldap://127.0.0.1:<port>}, without a base DN. */
  public String url() {
    return "ldap://127.0.0.1:" + port();
  }

  public int port() {
    return server.getListenPort();
  }

  /** {@value #BASE_DN}. */
  public String baseDn() {
    return BASE_DN;
  }

  /** {@code ou=people,dc=example,dc=com}. */
  public String peopleDn() {
    return "ou=people," + BASE_DN;
  }

  /** {@code ou=groups,dc=example,dc=com}. */
  public String groupsDn() {
    return "ou=groups," + BASE_DN;
  }

  /** {@code uid=<login>,ou=people,dc=example,dc=com}. */
  public String userDn(String login) {
    return "uid=" + login + "," + peopleDn();
  }

  /** A DN that may bind and read everything, for a search-then-bind login. */
  public String managerDn() {
    return MANAGER_DN;
  }

  public String managerPassword() {
    return MANAGER_PASSWORD;
  }

  /** The server itself, for a test that changes the directory (add a user, remove a member). */
  public InMemoryDirectoryServer server() {
    return server;
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    server.shutDown(true);
  }

  @Override
  public String toString() {
    return "LdapDirectory[" + url() + "/" + BASE_DN + "]";
  }
}
