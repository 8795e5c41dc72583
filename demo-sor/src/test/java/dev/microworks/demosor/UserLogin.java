package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the authorization code + PKCE flow over HTTP like a browser and a confidential client:
 * authorize, log in on the form (with its CSRF token), follow the redirect to the code, redeem it.
 */
final class UserLogin {

  static final String CLIENT_ID = "microworks-actions";
  static final String CLIENT_SECRET = "actions-secret";
  static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/demo-sor";

  /**
   * Tokens from the token endpoint.
   *
   * @param accessToken the access token
   * @param refreshToken the refresh token
   */
  record Tokens(String accessToken, String refreshToken) {}

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final DemoSorTest test;
  private String verifier;
  private final HttpClient browser =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .cookieHandler(new CookieManager())
          .build();

  UserLogin(DemoSorTest test) {
    this.test = test;
  }

  /** The authorize URL with the given PKCE challenge, or without PKCE if it is null. */
  String authorizeUrl(String challenge) {
    String url =
        test.base()
            + "/oauth2/authorize?response_type=code&client_id="
            + CLIENT_ID
            + "&scope="
            + DemoSorTest.encode("read write")
            + "&state=st4te&redirect_uri="
            + DemoSorTest.encode(REDIRECT_URI);
    return challenge == null
        ? url
        : url + "&code_challenge=" + challenge + "&code_challenge_method=S256";
  }

  /** Logs in on the form after being sent there by the authorize endpoint. */
  HttpResponse<String> browse(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html"));
  }

  /** Starts an authorize request with PKCE and submits the login form it leads to. */
  HttpResponse<String> submitLogin(String username, String password) {
    verifier = randomVerifier();
    HttpResponse<String> authorize = browse(authorizeUrl(challenge(verifier)));
    assertThat(authorize.statusCode()).isEqualTo(302);
    String loginUrl = absolute(location(authorize));
    assertThat(loginUrl).endsWith("/login");

    HttpResponse<String> loginPage = browse(loginUrl);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    Matcher csrf = CSRF.matcher(loginPage.body());
    assertThat(csrf.find()).as("login form has a _csrf field: " + loginPage.body()).isTrue();
    String csrfToken = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);

    return send(
        HttpRequest.newBuilder(URI.create(loginUrl))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    DemoSorTest.form(
                        Map.of("username", username, "password", password, "_csrf", csrfToken)))));
  }

  /** The whole flow: authorize, log in, get the code, redeem it with the PKCE verifier. */
  Tokens login(String username, String password) {
    HttpResponse<String> loggedIn = submitLogin(username, password);
    assertThat(loggedIn.statusCode()).isEqualTo(302);
    String back = absolute(location(loggedIn));
    assertThat(back)
        .as("after login the browser returns to the authorize request")
        .contains("/oauth2/authorize");

    HttpResponse<String> redirect = browse(back);
    assertThat(redirect.statusCode()).isEqualTo(302);
    String callback = location(redirect);
    assertThat(callback).startsWith(REDIRECT_URI).contains("state=st4te");
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
    assertThat(code.find()).as(callback).isTrue();

    HttpResponse<String> token =
        test.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri",
                REDIRECT_URI,
                "code_verifier",
                verifier),
            CLIENT_ID,
            CLIENT_SECRET);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    var body = DemoSorTest.json(token);
    return new Tokens(body.get("access_token").asString(), body.get("refresh_token").asString());
  }

  static String location(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location header"));
  }

  private String absolute(String location) {
    return location.startsWith("http") ? location : test.base() + location;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String randomVerifier() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
