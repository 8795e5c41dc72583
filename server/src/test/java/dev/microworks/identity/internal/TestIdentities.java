package dev.microworks.identity.internal;

import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import org.springframework.context.ApplicationContext;

/**
 * Users and their tokens for tests of other modules running the server in-process: made through the
 * admin API with the bootstrap token, like {@link Identities}.
 */
public final class TestIdentities {

  public static final String PASSWORD = Identities.PASSWORD;

  private final Identities identities;
  private final int port;

  private TestIdentities(Identities identities, int port) {
    this.identities = identities;
    this.port = port;
  }

  public static TestIdentities of(ApplicationContext context, int port) {
    return new TestIdentities(new Identities(port, context.getBean(BootstrapToken.class)), port);
  }

  /** The admin API as the bootstrap admin. */
  public ApiClient admin() {
    return identities.admin();
  }

  /**
   * A personal access token of {@code email}, creating the user (with {@code roles}) unless it
   * exists.
   */
  public String token(String email, String... roles) {
    HttpResponse<String> existing = admin().get("/api/v1/users?email=" + email);
    boolean exists = existing.statusCode() == 200 && existing.body().contains("\"" + email + "\"");
    if (!exists) {
      identities.user(email, roles);
    }
    Browser browser = identities.signedIn(email);
    return Identities.token(browser, "test");
  }

  /** A browser session of {@code email} (which must exist), with a fresh CSRF token. */
  public Browser signedIn(String email) {
    return identities.signedIn(email);
  }

  public ApiClient api(String token) {
    return new ApiClient(port, token);
  }
}
