package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.LdapDirectory;
import dev.microworks.testsupport.OnEmbeddedPostgres;
import dev.microworks.testsupport.TestUser;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in through the sign-in form with an LDAP bind against a real in-memory directory
 * (UnboundID), search-then-bind with a manager DN, over real HTTP on the embedded PostgreSQL:
 * groups mapped to memberships and, through the groups' roles, to roles; no difference between a
 * wrong password and an unknown user.
 */
@OnEmbeddedPostgres
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
class LdapLoginTests {

  private static LdapDirectory directory;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BootstrapToken tokens;
  @Autowired AuditLog audit;

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) throws IOException {
    directory = LdapDirectory.start();
    Path password = Files.createTempFile("ldap-manager-", ".txt");
    Files.writeString(password, directory.managerPassword() + "\n");
    password.toFile().deleteOnExit();
    String prefix = "microworks.identity.ldap.";
    registry.add(prefix + "url", directory::url);
    registry.add(prefix + "base-dn", directory::baseDn);
    registry.add(prefix + "manager-dn", directory::managerDn);
    registry.add(prefix + "manager-password-file", password::toString);
  }

  @AfterAll
  static void stopDirectory() {
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aliceBindsAndIsSignedIn_withHerGroupsMapped_andAGroupsRoleApplies() {
    Browser browser = new Browser(port);

    HttpResponse<String> signIn = browser.signIn("alice", TestUser.ALICE.password());

    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/");
    assertThat(browser.get("/").body()).contains("alice@example.com").contains("Alice Archer");
    assertThat(memberships("alice@example.com")).containsExactly("engineering", "microapp-admins");
    assertThat(
            jdbc.sql("SELECT source, external_id FROM app_user WHERE email = 'alice@example.com'")
                .query((row, n) -> row.getString(1) + " " + row.getString(2))
                .single())
        .isEqualTo("LDAP " + directory.userDn("alice"));

    UUID group =
        jdbc.sql("SELECT id FROM app_group WHERE name = 'microapp-admins'")
            .query(UUID.class)
            .single();
    ApiClient admin = new Identities(port, tokens).admin();
    assertThat(
            admin
                .put(
                    "/api/v1/groups/" + group + "/roles",
                    "application/json",
                    "{\"roles\": [\"MICROAPP_ADMIN\"]}")
                .statusCode())
        .isEqualTo(200);
    Browser again = new Browser(port);
    assertThat(again.signIn("alice", TestUser.ALICE.password()).headers().firstValue("Location"))
        .hasValue("/");
    assertThat(roles(again)).contains("MICROAPP_ADMIN");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.login", 50))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("identity.login");
              assertThat(e.target()).isEqualTo("alice@example.com");
              assertThat(e.details()).containsEntry("method", "ldap");
            });
  }

  @Test
  void carolWithoutGroupsSignsInWithRoleUserOnly() {
    Browser browser = new Browser(port);

    HttpResponse<String> signIn = browser.signIn("carol", TestUser.CAROL.password());

    assertThat(signIn.headers().firstValue("Location")).hasValue("/");
    assertThat(roles(browser)).containsExactly("USER");
    assertThat(memberships("carol@example.com")).isEmpty();
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetByteIdenticalAnswers() {
    List<String> answers = new ArrayList<>();

    answers.add(answer("bob", "not-bobs-password"));
    answers.add(answer("nobody", "not-bobs-password"));
    answers.add(answer("bob", "another wrong one"));
    answers.add(answer("nobody-else", "another wrong one"));

    assertThat(answers).hasSize(4).containsOnly(answers.get(0));
    assertThat(answers.get(0)).startsWith("302 /login?error\n");
    assertThat(answers.get(0)).contains(LoginRefused.ANSWER.replace("'", "&#39;"));
    assertThat(
            jdbc.sql("SELECT count(*) FROM app_user WHERE email = 'bob@example.com'")
                .query(Integer.class)
                .single())
        .as("a failed bind provisions nobody")
        .isZero();
  }

  @Test
  void localAccountsSignInBesideTheDirectory_andTheirPasswordsAreNotTriedThere() {
    Identities identities = new Identities(port, tokens);
    String email = Identities.uniqueEmail("local-beside-ldap");
    identities.user(email, "USER");

    assertThat(answer(email, "wrong horse battery 42")).startsWith("302 /login?error\n");

    assertThat(audit.recent(TenantId.DEFAULT, "identity.login.failed", 50))
        .filteredOn(e -> e.target().equals(email))
        .first()
        .satisfies(e -> assertThat(e.details()).containsEntry("reason", "wrong_password"));
    assertThat(identities.signedIn(email).get("/").statusCode()).isEqualTo(200);
  }

  /** Status, Location and the page it leads to, without the CSRF token. */
  private String answer(String login, String password) {
    Browser browser = new Browser(port);
    HttpResponse<String> refused = browser.signIn(login, password);
    String location = refused.headers().firstValue("Location").orElse("");
    HttpResponse<String> page = browser.get(location);
    return refused.statusCode()
        + " "
        + location
        + "\n"
        + refused.body()
        + "\n"
        + page.statusCode()
        + "\n"
        + page.body().replace(browser.csrfToken(), "CSRF");
  }

  private List<String> memberships(String email) {
    return jdbc.sql(
            "SELECT g.name FROM app_group g JOIN group_member m ON m.group_id = g.id"
                + " JOIN app_user u ON u.id = m.user_id"
                + " WHERE u.email = ? AND m.source = 'LDAP' ORDER BY g.name")
        .param(email)
        .query(String.class)
        .list();
  }

  private static List<String> roles(Browser browser) {
    HttpResponse<String> me = browser.api("GET", "/api/v1/me", null, false);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    List<String> roles = new ArrayList<>();
    ApiClient.json(me).get("effective_roles").forEach(role -> roles.add(role.asString()));
    return roles;
  }
}
