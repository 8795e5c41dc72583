package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Users for identity tests, made through the admin API with the bootstrap token: each test makes
 * its own, with unique e-mail addresses, so tests sharing a server do not meet.
 */
final class Identities {

  static final String PASSWORD = "correct horse battery 42";

  private final int port;
  private final ApiClient admin;

  Identities(int port, BootstrapToken tokens) {
    this.port = port;
    this.admin = new ApiClient(port, tokens.rotate().reveal());
  }

  /** The admin API as the bootstrap admin. */
  ApiClient admin() {
    return admin;
  }

  static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  /** A local user with {@link #PASSWORD}, no password change due; answers its id. */
  String user(String email, String... roles) {
    String body =
        "{\"email\": \"%s\", \"display_name\": \"Test %s\", \"password\": \"%s\", \"roles\": [%s],"
                .formatted(
                    email,
                    email,
                    PASSWORD,
                    Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(",")))
            + " \"must_change_password\": false}";
    HttpResponse<String> created = admin.post("/api/v1/users", "application/json", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ApiClient.json(created).get("id").asString();
  }

  /** A browser signed in as {@code email} with {@link #PASSWORD}, holding a fresh CSRF token. */
  Browser signedIn(String email) {
    Browser browser = new Browser(port);
    HttpResponse<String> signIn = browser.signIn(email, PASSWORD);
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/");
    browser.refreshCsrf();
    return browser;
  }

  /** A personal access token of the browser's user, created through its session. */
  static String token(Browser browser, String name) {
    HttpResponse<String> created =
        browser.api("POST", "/api/v1/me/tokens", "{\"name\": \"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ApiClient.json(created).get("token").asString();
  }

  HttpResponse<String> patch(String userId, String json) {
    return admin.send(
        admin
            .request("/api/v1/users/" + userId)
            .header("Content-Type", "application/json")
            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
  }
}
