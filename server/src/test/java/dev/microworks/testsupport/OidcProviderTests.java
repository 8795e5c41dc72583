package dev.microworks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test OpenID Connect provider on its own, driven by a tiny relying party written here: what
 * the identity tests rely on — discovery, the authorization-code flow with PKCE, signed ID tokens
 * with the users' claims, the login form, forged tokens and the token endpoint proxy.
 */
class OidcProviderTests {

  private static final String REDIRECT_URI = "http://127.0.0.1:9/login/oauth2/code/test";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static OidcProvider idp;

  @BeforeAll
  static void startProvider() {
    OidcProvider.require("OidcProviderTests");
    idp = OidcProvider.start(OidcProvider.Config.standard().withRedirectUri(REDIRECT_URI));
  }

  @AfterAll
  static void stopProvider() {
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void discoveryNamesTheIssuerAndRequiresWhatTheIdentityTestsExpect() {
    JsonNode discovery = idp.discovery();

    assertThat(idp.issuer().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(discovery.get("issuer").asString()).isEqualTo(idp.issuer().toString());
    assertThat(values(discovery, "code_challenge_methods_supported")).containsExactly("S256");
    assertThat(values(discovery, "token_endpoint_auth_methods_supported"))
        .contains("client_secret_basic");
    assertThat(values(discovery, "scopes_supported"))
        .contains("openid", "email", "profile", "groups");
    assertThat(values(discovery, "claims_supported"))
        .contains("email", "email_verified", "name", "preferred_username", "groups");
    assertThat(values(discovery, "id_token_signing_alg_values_supported")).containsExactly("RS256");
    assertThat(values(discovery, "subject_types_supported")).containsExactly("public");
  }

  @Test
  void aProviderThatCannotStartSaysWhy() {
    OidcProvider.Config broken = OidcProvider.Config.standard().withRedirectUri("not a url");

    assertThatThrownBy(() -> OidcProvider.start(broken).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("oidc-provider exited with 1 before it was ready")
        .hasMessageContaining("redirect_uris must only contain valid uris");
  }

  @Test
  void authorizationCodeFlowWithPkceGivesASignedIdTokenWithTheUsersClaimsAndTheNonce()
      throws Exception {
    Login login = new Login();

    URI callback =
        new BrowserlessLogin(idp.issuer()).signIn(login.authorizationUrl(), TestUser.ALICE);

    assertThat(callback.toString()).startsWith(REDIRECT_URI + "?");
    Map<String, String> answer = query(callback);
    assertThat(answer).containsEntry("state", login.state).containsKey("code");
    assertThat(answer).containsEntry("iss", idp.issuer().toString());

    JsonNode tokens = login.exchange(idp.tokenEndpoint(), answer.get("code"));
    SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
    assertThat(verifiesWithPublishedJwks(idToken)).isTrue();
    assertThat(idToken.getHeader().getKeyID()).isEqualTo(idp.signingKey().getKeyID());
    JWTClaimsSet claims = idToken.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(idp.issuer().toString());
    assertThat(claims.getAudience()).containsExactly(idp.clientId());
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringClaim("nonce")).isEqualTo(login.nonce);
    assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getStringClaim("name")).isEqualTo("Alice Archer");
    assertThat(claims.getStringListClaim("groups"))
        .containsExactly("engineering", "microapp-admins");
  }

  @Test
  void theSameCodeCannotBeExchangedTwice() throws Exception {
    Login login = new Login();
    URI callback =
        new BrowserlessLogin(idp.issuer()).signIn(login.authorizationUrl(), TestUser.BOB);
    String code = query(callback).get("code");
    login.exchange(idp.tokenEndpoint(), code);

    HttpResponse<String> again = login.exchangeResponse(idp.tokenEndpoint(), code);

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("invalid_grant");
  }

  @Test
  void aCodeIsNotExchangedWithAnotherLoginsCodeVerifier() throws Exception {
    Login login = new Login();
    URI callback =
        new BrowserlessLogin(idp.issuer()).signIn(login.authorizationUrl(), TestUser.BOB);

    HttpResponse<String> answer =
        new Login().exchangeResponse(idp.tokenEndpoint(), query(callback).get("code"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("invalid_grant");
    assertThat(idp.output()).contains("grant.error: invalid_grant (PKCE verification failed)");
  }

  @Test
  void aWrongPasswordKeepsYouOnTheLoginForm() {
    BrowserlessLogin browser = new BrowserlessLogin(idp.issuer());
    URI authorizationUrl = new Login().authorizationUrl();

    assertThatThrownBy(() -> browser.signIn(authorizationUrl, "alice", "not-alices-password"))
        .isInstanceOfSatisfying(
            BrowserlessLogin.LoginRejected.class,
            rejected -> {
              assertThat(rejected).hasMessageContaining("Invalid login or password.");
              assertThat(rejected.page()).contains("name=\"login\"", "name=\"password\"");
            });
  }

  @Test
  void anAuthorizationRequestWithoutPkceIsRefused() {
    Login login = new Login();
    URI withoutPkce =
        URI.create(
            login.authorizationUrl().toString().replaceAll("&code_challenge(_method)?=[^&]*", ""));

    URI callback = new BrowserlessLogin(idp.issuer()).signIn(withoutPkce, TestUser.ALICE);

    assertThat(query(callback)).containsEntry("error", "invalid_request");
    assertThat(query(callback).get("error_description")).contains("requires PKCE");
  }

  @Test
  void aSecondLoginInTheSameBrowserNeedsNoPassword() {
    BrowserlessLogin browser = new BrowserlessLogin(idp.issuer());
    browser.signIn(new Login().authorizationUrl(), TestUser.CAROL);

    URI callback = browser.signIn(new Login().authorizationUrl(), "carol", "unused");

    assertThat(query(callback)).containsKey("code");
  }

  @Test
  void forgedTokensVerifyAgainstThePublishedKeysUnlessSignedWithAnotherKey() throws Exception {
    String forged = idp.forger().idToken("alice").nonce("n-1").issuer("http://evil.test").sign();
    RSAKey other = new RSAKeyGenerator(2048).keyID(idp.signingKey().getKeyID()).generate();
    String otherKey = idp.forger().idToken("alice").signWith(other);
    String unsigned = idp.forger().idToken("alice").unsigned();

    SignedJWT parsed = SignedJWT.parse(forged);
    assertThat(verifiesWithPublishedJwks(parsed)).isTrue();
    assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo("http://evil.test");
    assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly(idp.clientId());
    assertThat(parsed.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(verifiesWithPublishedJwks(SignedJWT.parse(otherKey))).isFalse();
    assertThat(PlainJWT.parse(unsigned).getHeader().getAlgorithm()).isEqualTo(Algorithm.NONE);
  }

  @Test
  void theProxyHandsOverAReplacementIdTokenAndKeepsTheOriginal() throws Exception {
    try (TokenEndpointProxy proxy = TokenEndpointProxy.inFrontOf(idp)) {
      Login login = new Login();
      URI callback =
          new BrowserlessLogin(idp.issuer()).signIn(login.authorizationUrl(), TestUser.ALICE);
      proxy.rewriteNextIdToken(
          original -> idp.forger().copyOf(original).audience("someone-else").sign());

      JsonNode tokens = login.exchange(proxy.tokenEndpoint(), query(callback).get("code"));

      JWTClaimsSet delivered = SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet();
      assertThat(delivered.getAudience()).containsExactly("someone-else");
      assertThat(delivered.getStringClaim("nonce")).isEqualTo(login.nonce);
      assertThat(tokens.get("access_token").asString()).isNotBlank();
      assertThat(proxy.idTokens()).hasSize(1);
      JWTClaimsSet original = SignedJWT.parse(proxy.idTokens().get(0)).getJWTClaimsSet();
      assertThat(original.getAudience()).containsExactly(idp.clientId());

      Login next = new Login();
      URI nextCallback =
          new BrowserlessLogin(idp.issuer()).signIn(next.authorizationUrl(), TestUser.ALICE);
      JsonNode untouched = next.exchange(proxy.tokenEndpoint(), query(nextCallback).get("code"));
      assertThat(untouched.get("id_token").asString()).isEqualTo(proxy.idTokens().get(1));
    }
  }

  private static boolean verifiesWithPublishedJwks(SignedJWT jwt) throws Exception {
    HttpResponse<String> jwks =
        HTTP.send(
            HttpRequest.newBuilder(idp.jwksUri()).build(), HttpResponse.BodyHandlers.ofString());
    JWKSet keys = JWKSet.parse(jwks.body());
    assertThat(keys.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    return key != null && jwt.verify(new RSASSAVerifier(key));
  }

  private static List<String> values(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    node.get(field).forEach(value -> values.add(value.asString()));
    return values;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return parameters;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String form(Map<String, String> fields) {
    StringBuilder form = new StringBuilder();
    fields.forEach(
        (name, value) ->
            form.append(form.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return form.toString();
  }

  /** One login of the tiny relying party: its state, nonce and PKCE verifier. */
  private static final class Login {

    final String state = random();
    final String nonce = random();
    final String verifier = random();

    URI authorizationUrl() {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("response_type", "code");
      parameters.put("client_id", idp.clientId());
      parameters.put("redirect_uri", REDIRECT_URI);
      parameters.put("scope", "openid email profile groups");
      parameters.put("state", state);
      parameters.put("nonce", nonce);
      parameters.put("code_challenge", challenge());
      parameters.put("code_challenge_method", "S256");
      return URI.create(idp.authorizationEndpoint() + "?" + form(parameters));
    }

    private String challenge() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    JsonNode exchange(URI tokenEndpoint, String code) throws Exception {
      HttpResponse<String> response = exchangeResponse(tokenEndpoint, code);
      assertThat(response.statusCode())
          .as("token response %s; provider output:%n%s", response.body(), idp.output())
          .isEqualTo(200);
      return JSON.readTree(response.body());
    }

    /** The code exchange, authenticated with client_secret_basic (RFC 6749 §2.3.1 encoding). */
    HttpResponse<String> exchangeResponse(URI tokenEndpoint, String code) throws Exception {
      String credentials =
          URLEncoder.encode(idp.clientId(), StandardCharsets.UTF_8)
              + ":"
              + URLEncoder.encode(idp.clientSecret(), StandardCharsets.UTF_8);
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("grant_type", "authorization_code");
      fields.put("code", code);
      fields.put("redirect_uri", REDIRECT_URI);
      fields.put("code_verifier", verifier);
      return HTTP.send(
          HttpRequest.newBuilder(tokenEndpoint)
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
