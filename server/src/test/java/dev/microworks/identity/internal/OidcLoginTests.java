package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.BrowserlessLogin;
import dev.microworks.testsupport.OidcProvider;
import dev.microworks.testsupport.OnEmbeddedPostgres;
import dev.microworks.testsupport.TestUser;
import dev.microworks.testsupport.TokenEndpointProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in with OpenID Connect against a real provider (oidc-provider 8.8.1 on Node.js) over real
 * HTTP, on the embedded PostgreSQL: the authorization-code flow with PKCE, just-in-time
 * provisioning with the claims mapped, groups and their roles, and ID tokens with a wrong issuer, a
 * wrong audience or a replayed nonce refused. The server's token requests go through a {@link
 * TokenEndpointProxy}, which hands it the forged or replayed ID tokens.
 */
@OnEmbeddedPostgres
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "microworks.sync.schedules-enabled=false",
      "spring.security.oauth2.client.registration.idp.client-name=Test IdP"
    })
class OidcLoginTests {

  /** The provider must know the callback before the server starts, so the port is chosen here. */
  private static final int PORT = freePort();

  private static OidcProvider idp;
  private static TokenEndpointProxy proxy;

  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired BootstrapToken tokens;

  @BeforeAll
  static void requireNode() {
    OidcProvider.require("OidcLoginTests");
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    idp =
        OidcProvider.start(
            OidcProvider.Config.standard()
                .withRedirectUri("http://127.0.0.1:" + PORT + "/login/oauth2/code/idp"));
    proxy = TokenEndpointProxy.inFrontOf(idp);
    String prefix = "spring.security.oauth2.client.";
    registry.add("server.port", () -> PORT);
    registry.add(prefix + "registration.idp.client-id", idp::clientId);
    registry.add(prefix + "registration.idp.client-secret", idp::clientSecret);
    registry.add(prefix + "provider.idp.issuer-uri", () -> idp.issuer().toString());
    registry.add(prefix + "provider.idp.token-uri", () -> proxy.tokenEndpoint().toString());
  }

  @AfterAll
  static void stopProvider() {
    if (proxy != null) {
      proxy.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void aliceSignsInThroughTheProvider_isProvisionedWithHerClaimsAndGroups_andGroupRolesApply() {
    Browser browser = new Browser(PORT);
    assertThat(browser.get("/login").body()).contains("Sign in with Test IdP");
    String before = browser.sessionId().orElseThrow();

    HttpResponse<String> signedIn = signIn(browser, TestUser.ALICE);

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
    assertThat(browser.sessionId()).isPresent().get().isNotEqualTo(before);
    HttpResponse<String> home = browser.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("alice@example.com").contains("Alice Archer");
    assertThat(
            jdbc.sql(
                    "SELECT g.name FROM app_group g JOIN group_member m ON m.group_id = g.id"
                        + " JOIN app_user u ON u.id = m.user_id"
                        + " WHERE u.email = 'alice@example.com' AND m.source = 'OIDC'"
                        + " ORDER BY g.name")
                .query(String.class)
                .list())
        .containsExactly("engineering", "microapp-admins");
    assertThat(
            jdbc.sql("SELECT source, external_id FROM app_user WHERE email = 'alice@example.com'")
                .query((row, n) -> row.getString(1) + " " + row.getString(2))
                .single())
        .isEqualTo("OIDC " + idp.issuer() + "|alice");
    assertThat(roles(browser)).containsExactly("USER");

    // an administrator maps the provider's group to a role; the next sign-in carries it
    UUID group =
        jdbc.sql("SELECT id FROM app_group WHERE name = 'microapp-admins'")
            .query(UUID.class)
            .single();
    ApiClient admin = new Identities(PORT, tokens).admin();
    assertThat(
            admin
                .put(
                    "/api/v1/groups/" + group + "/roles",
                    "application/json",
                    "{\"roles\": [\"MICROAPP_ADMIN\"]}")
                .statusCode())
        .isEqualTo(200);
    Browser again = new Browser(PORT);
    again.get("/login");
    assertThat(signIn(again, TestUser.ALICE).headers().firstValue("Location")).hasValue("/");
    assertThat(roles(again)).contains("MICROAPP_ADMIN");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.login", 50))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("identity.login");
              assertThat(e.target()).isEqualTo("alice@example.com");
              assertThat(e.details()).containsEntry("method", "oidc");
            });
  }

  @Test
  void theAuthorizationRequestCarriesPkceS256StateAndNonce() {
    Browser browser = new Browser(PORT);
    browser.get("/login");

    HttpResponse<String> redirect = browser.get("/oauth2/authorization/idp");

    assertThat(redirect.statusCode()).isEqualTo(302);
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(idp.authorizationEndpoint().toString());
    Map<String, String> query = query(location);
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", idp.clientId())
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "nonce");
    assertThat(query.get("scope").split(" "))
        .containsExactlyInAnyOrder("openid", "email", "profile", "groups");
  }

  @Test
  void anIdTokenFromAnotherIssuerIsRefused() {
    proxy.rewriteNextIdToken(real -> idp.forger().copyOf(real).issuer("http://127.0.0.1:1").sign());

    assertRefused(TestUser.BOB, "invalid_id_token");
  }

  @Test
  void anIdTokenForAnotherClientIsRefused() {
    proxy.rewriteNextIdToken(real -> idp.forger().copyOf(real).audience("someone-else").sign());

    assertRefused(TestUser.BOB, "invalid_id_token");
  }

  @Test
  void anIdTokenReplayedFromAnEarlierSignInIsRefused() {
    Browser first = new Browser(PORT);
    first.get("/login");
    assertThat(signIn(first, TestUser.CAROL).headers().firstValue("Location")).hasValue("/");
    List<String> seen = proxy.idTokens();
    String earlier = seen.get(seen.size() - 1);

    proxy.replaceNextIdToken(earlier);

    assertRefused(TestUser.CAROL, "invalid_nonce");
  }

  private void assertRefused(TestUser user, String reason) {
    Browser browser = new Browser(PORT);
    browser.get("/login");
    int before = failures().size();

    HttpResponse<String> answer = signIn(browser, user);

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location")).hasValue("/login?error");
    assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);
    assertThat(browser.get("/login?error").body())
        .contains(LoginRefused.ANSWER.replace("'", "&#39;"));
    List<AuditEntry> failures = failures();
    assertThat(failures).hasSize(before + 1);
    assertThat(failures.get(0).details())
        .containsEntry("method", "oidc")
        .containsEntry("reason", reason);
    assertThat(failures.get(0).details().values().toString()).doesNotContain("eyJ");
  }

  private List<AuditEntry> failures() {
    return audit.recent(TenantId.DEFAULT, "identity.login.failed", 200).stream()
        .filter(e -> "oidc".equals(e.details().get("method")))
        .toList();
  }

  /** Starts at /oauth2/authorization/idp, signs in at the provider, calls the callback. */
  private HttpResponse<String> signIn(Browser browser, TestUser user) {
    HttpResponse<String> redirect = browser.get("/oauth2/authorization/idp");
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI authorization = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    URI callback = new BrowserlessLogin(idp.issuer()).signIn(authorization, user);
    assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/idp");
    return browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
  }

  private static List<String> roles(Browser browser) {
    HttpResponse<String> me = browser.api("GET", "/api/v1/me", null, false);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    List<String> roles = new java.util.ArrayList<>();
    ApiClient.json(me).get("effective_roles").forEach(role -> roles.add(role.asString()));
    return roles;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return values;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
