package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bootstrap admin's first sign-in, on a real PostgreSQL (one subclass per database): the
 * bootstrap token is its first password, a new password is due before anything else, and the token
 * keeps authenticating the API as that user.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
abstract class BootstrapAdminIntegrationTests {

  private static final String NEW_PASSWORD = "the admin's own passphrase";

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired JdbcClient jdbc;

  @Test
  void signsInWithTheBootstrapToken_mustSetANewPasswordFirst_andTheTokenStillWorksForTheApi() {
    // as at a first start: no password yet, a change due
    jdbc.sql(
            "UPDATE app_user SET password_hash = NULL, password_changed_at = NULL,"
                + " must_change_password = true, failed_logins = 0, locked_until = NULL"
                + " WHERE bootstrap_admin")
        .update();
    String token = tokens.rotate().reveal();
    String email =
        jdbc.sql("SELECT email FROM app_user WHERE bootstrap_admin").query(String.class).single();
    assertThat(email).isEqualTo("admin@localhost");
    Browser browser = new Browser(port);

    HttpResponse<String> signIn = browser.signIn(email, token);

    assertThat(signIn.headers().firstValue("Location")).hasValue("/account/password");
    assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/account/password");
    HttpResponse<String> page = browser.get("/account/password");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Choose a new password before you continue");
    for (String path : new String[] {"/api/v1/integrations", "/api/v1/users", "/api/v1/me"}) {
      HttpResponse<String> refused = browser.api("GET", path, null);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(ApiClient.json(refused).get("detail").asString())
          .contains("Set a new password first");
    }

    HttpResponse<String> weak =
        browser.api(
            "POST",
            "/api/v1/me/password",
            "{\"current_password\": \"" + token + "\", \"new_password\": \"admin\"}");
    assertThat(weak.statusCode()).isEqualTo(422);
    assertThat(weak.body()).doesNotContain(token);
    String sessionBefore = browser.sessionId().orElseThrow();
    HttpResponse<String> changed =
        browser.api(
            "POST",
            "/api/v1/me/password",
            "{\"current_password\": \""
                + token
                + "\", \"new_password\": \""
                + NEW_PASSWORD
                + "\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

    assertThat(browser.sessionId().orElseThrow()).isNotEqualTo(sessionBefore);
    assertThat(browser.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(200);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    assertThat(browser.get("/").body()).contains("ADMIN, MICROAPP_ADMIN, USER");
    // the token is no longer a password, but still the API's bearer token
    assertThat(new Browser(port).signIn(email, token).headers().firstValue("Location"))
        .hasValue("/login?error");
    assertThat(new Browser(port).signIn(email, NEW_PASSWORD).headers().firstValue("Location"))
        .hasValue("/");
    ApiClient bearer = new ApiClient(port, token);
    assertThat(bearer.get("/api/v1/integrations").statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(bearer.get("/api/v1/me")).get("email").asString()).isEqualTo(email);
  }

  @Test
  void theSignInPageWorksWithoutJavaScriptAndCarriesTheCsrfToken() {
    HttpResponse<String> page = new Browser(port).get("/login");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("name=\"email\"", "name=\"password\"", "name=\"_csrf\"", "action=\"/login\"");
    assertThat(new Browser(port).post("/login", Map.of()).statusCode())
        .as("no CSRF token: refused before any sign-in")
        .isEqualTo(403);
  }
}
