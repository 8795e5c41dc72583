package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser's part of an OpenID Connect login at an {@link OidcProvider}, done with {@link
 * HttpClient}: it opens the authorization URL a relying party made, fills in the provider's login
 * form, follows the provider's redirects, and stops at the first redirect that leaves the provider
 * — the one to the relying party's redirect URI — and returns it, <em>without calling it</em>, so
 * the test delivers it to the server under test with that server's session cookie.
 *
 * <p>One instance is one browser: it keeps the provider's cookies, so a second {@link #signIn} with
 * the same instance finds the provider's session and signs in without the form (single sign-on).
 * Not thread-safe.
 *
 * <p>With a Spring Security relying party: GET the server's {@code /oauth2/authorization/<id>} with
 * its session cookie and no redirect following; its {@code Location} is the authorization URL
 * (state, nonce and PKCE challenge are remembered in that session). Then:
 *
 * <pre>{@code
 * URI callback = new BrowserlessLogin(idp.issuer()).signIn(authorizationUrl, TestUser.ALICE);
 * // callback = <redirect_uri>?code=...&state=...&iss=...  — GET it with the same session cookie
 * }</pre>
 */
public final class BrowserlessLogin {

  private static final int MAX_STEPS = 20;
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*action=\"(/interaction/[^\"]+/login)\"");
  private static final Pattern ERROR = Pattern.compile("<p id=\"error\">([^<]*)</p>");

  private final URI provider;
  private final HttpClient http;

  /** A browser with no cookies, for the provider whose issuer is {@code provider}. */
  public BrowserlessLogin(URI provider) {
    this.provider = provider;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public URI signIn(URI authorizationUrl, TestUser user) {
    return signIn(authorizationUrl, user.login(), user.password());
  }

  /**
   * Signs in and returns the redirect to the relying party: with {@code code} and {@code state}, or
   * with {@code error} when the provider refused the request (e.g. without PKCE).
   *
   * @throws LoginRejected when the provider shows its login form again after the password
   * @throws IllegalStateException when the provider answers with anything but a redirect or its
   *     form (an error page: an unknown client, a redirect URI not registered)
   */
  public URI signIn(URI authorizationUrl, String login, String password) {
    if (!sameOrigin(authorizationUrl)) {
      throw new IllegalArgumentException(
          authorizationUrl + " is not at the provider " + provider + " this browser was made for");
    }
    HttpRequest request = get(authorizationUrl);
    boolean submitted = false;
    for (int step = 0; step < MAX_STEPS; step++) {
      HttpResponse<String> response = send(request);
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new IllegalStateException(status + " without Location from " + url(request));
        }
        URI next = request.uri().resolve(location);
        if (!sameOrigin(next)) {
          return next;
        }
        request = get(next);
        continue;
      }
      Matcher form = FORM_ACTION.matcher(response.body());
      if (status == 200 && form.find()) {
        if (submitted) {
          Matcher error = ERROR.matcher(response.body());
          throw new LoginRejected(
              login, error.find() ? error.group(1) : "(no error shown)", response.body());
        }
        request = post(request.uri().resolve(form.group(1)), login, password);
        submitted = true;
        continue;
      }
      throw new IllegalStateException(
          "the provider answered "
              + status
              + " to "
              + url(request)
              + " (neither a redirect nor its login form): "
              + response.body());
    }
    throw new IllegalStateException(
        "no redirect to the relying party after " + MAX_STEPS + " steps at " + provider);
  }

  private boolean sameOrigin(URI uri) {
    return Objects.equals(uri.getScheme(), provider.getScheme())
        && Objects.equals(uri.getHost(), provider.getHost())
        && uri.getPort() == provider.getPort();
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private static HttpRequest post(URI uri, String login, String password) {
    String form =
        "login="
            + URLEncoder.encode(login, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private static String url(HttpRequest request) {
    return request.method() + " " + request.uri();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(url(request) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The provider showed its login form again: the login or the password is wrong. */
  public static final class LoginRejected extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient String page;

    LoginRejected(String login, String error, String page) {
      super("the provider did not sign in " + login + ": " + error);
      this.page = page;
    }

    /** The HTML of the login form the provider showed again. */
    public String page() {
      return page;
    }
  }
}
