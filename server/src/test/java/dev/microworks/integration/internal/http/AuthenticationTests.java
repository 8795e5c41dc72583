package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.integration.Credential;
import dev.microworks.integration.CredentialPurpose;
import dev.microworks.integration.MissingCredentialException;
import dev.microworks.integration.internal.http.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticationTests {

  static final String CANARY = "CANARY-s3cr3t-7f9c2e";

  final FakeTime time = new FakeTime();

  static CredentialRef ref(Map<String, String> fields) {
    return new CredentialRef(
        new DevOnlyCredentialSource(Map.of("test-sor", Map.of("service", fields))),
        "test-sor",
        "service",
        CredentialPurpose.SYNC);
  }

  HttpEngine engine(RequestAuthenticator authenticator) {
    return Engines.engine(Engines.settings(), time, authenticator);
  }

  /** Echoes what it received, as JSON, with the status asked for in {@code ?status=}. */
  static TestServer echo() throws Exception {
    return TestServer.start(
        request -> {
          int status =
              Integer.parseInt(RequestTemplate.queryParam(request.uri(), "status").orElse("200"));
          String auth = String.valueOf(request.header("Authorization"));
          String apiKey = String.valueOf(request.header("X-Api-Key"));
          return new Reply(
              status,
              Map.of("Content-Type", "application/json"),
              ("{\"authorization\":\"%s\",\"apiKey\":\"%s\",\"query\":\"%s\"}"
                      .formatted(auth, apiKey, request.uri().getRawQuery()))
                  .getBytes(StandardCharsets.UTF_8));
        });
  }

  @Test
  void basicSendsUserAndPassword() throws Exception {
    try (TestServer sor = echo()) {
      var answer =
          engine(RequestAuthenticators.basic(ref(Map.of("username", "svc", "password", "pa:ss"))))
              .fetchOne(RequestTemplate.get(sor.uri("/me")));

      String expected =
          "Basic "
              + Base64.getEncoder().encodeToString("svc:pa:ss".getBytes(StandardCharsets.UTF_8));
      assertThat(answer.get("authorization").asString()).isEqualTo(expected);
    }
  }

  @Test
  void apiKeyInAHeaderWithAPrefix() throws Exception {
    try (TestServer sor = echo()) {
      var answer =
          engine(
                  RequestAuthenticators.apiKeyHeader(
                      ref(Map.of("key", "k-123")), "X-Api-Key", "SSWS "))
              .fetchOne(RequestTemplate.get(sor.uri("/me")));

      assertThat(answer.get("apiKey").asString()).isEqualTo("SSWS k-123");
    }
  }

  @Test
  void apiKeyInTheQuery() throws Exception {
    try (TestServer sor = echo()) {
      var answer =
          engine(RequestAuthenticators.apiKeyQuery(ref(Map.of("key", "k 1&2")), "apikey"))
              .fetchOne(RequestTemplate.get(sor.uri("/me?fields=a")));

      assertThat(answer.get("query").asString()).isEqualTo("fields=a&apikey=k%201%262");
    }
  }

  @Test
  void bearerSendsTheToken() throws Exception {
    try (TestServer sor = echo()) {
      var answer =
          engine(RequestAuthenticators.bearer(ref(Map.of("token", "t-1"))))
              .fetchOne(RequestTemplate.get(sor.uri("/me")));

      assertThat(answer.get("authorization").asString()).isEqualTo("Bearer t-1");
    }
  }

  @Test
  void credentialValuesNeverAppearInMessages() throws Exception {
    List<RequestAuthenticator> authenticators =
        List.of(
            RequestAuthenticators.basic(ref(Map.of("username", "svc", "password", CANARY))),
            RequestAuthenticators.apiKeyHeader(ref(Map.of("key", CANARY)), "X-Api-Key", ""),
            RequestAuthenticators.apiKeyQuery(ref(Map.of("key", CANARY)), "x"),
            RequestAuthenticators.bearer(ref(Map.of("token", CANARY))));
    try (TestServer sor = echo()) {
      for (RequestAuthenticator authenticator : authenticators) {
        for (String status : List.of("400", "403", "500")) {
          HttpEngine engine =
              Engines.engine(
                  Engines.settings().withRetryPolicy(RetryPolicy.noRetries()), time, authenticator);

          assertThatThrownBy(
                  () -> engine.fetchOne(RequestTemplate.get(sor.uri("/me?status=" + status))))
              .isInstanceOf(HttpEngineException.class)
              .satisfies(
                  e -> {
                    assertThat(e.getMessage()).doesNotContain(CANARY).contains("***");
                    assertThat(((HttpEngineException) e).answer().orElseThrow())
                        .doesNotContain(CANARY);
                    assertThat(((HttpEngineException) e).url()).doesNotContain(CANARY);
                  });
        }
      }
    }
  }

  @Test
  void secretLookingQueryValuesAreRedactedFromMessages() throws Exception {
    try (TestServer sor = TestServer.start(request -> Reply.status(404, "gone"))) {
      assertThatThrownBy(
              () ->
                  engine(RequestAuthenticators.none())
                      .fetchOne(
                          RequestTemplate.get(
                              sor.uri("/x?q=open&api_key=" + CANARY + "&signature=" + CANARY))))
          .hasMessageContaining("/x?q=open&api_key=***&signature=***")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }
  }

  @Test
  void credentialToStringShowsOnlySlotAndFieldNames() {
    Credential credential =
        Credential.builder("jira", "service")
            .field("username", "svc".toCharArray())
            .field("password", CANARY.toCharArray())
            .build();

    assertThat(credential.toString())
        .isEqualTo("Credential[integration=jira, slot=service, fields=[password, username]]")
        .doesNotContain(CANARY);
    assertThat(new String(credential.password())).isEqualTo(CANARY);
    credential.close();
    assertThatThrownBy(credential::password).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMissingCredentialNamesIntegrationAndSlot() throws Exception {
    CredentialRef missing =
        new CredentialRef(
            new DevOnlyCredentialSource(Map.of()), "jira", "service", CredentialPurpose.SYNC);
    CredentialRef noPassword = ref(Map.of("username", "svc"));
    try (TestServer sor = echo()) {
      assertThatThrownBy(
              () ->
                  engine(RequestAuthenticators.basic(missing))
                      .fetchOne(RequestTemplate.get(sor.uri("/me"))))
          .isInstanceOf(MissingCredentialException.class)
          .hasMessageContaining("integration 'jira' has no credential in slot 'service'");
      assertThatThrownBy(
              () ->
                  engine(RequestAuthenticators.basic(noPassword))
                      .fetchOne(RequestTemplate.get(sor.uri("/me"))))
          .hasMessageContaining(
              "credential slot 'service' of integration 'test-sor' has no 'password' field (it has: username)");
      assertThat(sor.received()).isEmpty();
    }
  }

  /** An authorization server and an API on one test server. */
  static final class OAuthSystem implements AutoCloseable {
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger rejectNext = new AtomicInteger();
    volatile boolean rejectAll;
    final TestServer server;

    OAuthSystem(long expiresIn) throws Exception {
      server =
          TestServer.start(
              request -> {
                if (request.uri().getPath().equals("/oauth/token")) {
                  if (!request.body().contains("grant_type=")) {
                    return Reply.status(400, "{\"error\":\"invalid_request\"}");
                  }
                  int n = tokensIssued.incrementAndGet();
                  return Reply.json(
                      "{\"access_token\":\"at-%d\",\"token_type\":\"Bearer\",\"expires_in\":%d,\"refresh_token\":\"rt-%d\"}"
                          .formatted(n, expiresIn, n));
                }
                String auth = request.header("Authorization");
                if (rejectAll || rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  return Reply.status(
                      401, "{\"error\":\"invalid_token\",\"seen\":\"" + auth + "\"}");
                }
                return Reply.json("{\"authorization\":\"" + auth + "\"}");
              });
    }

    OAuth2Client client(OAuth2Client.ClientAuthentication how) {
      return new OAuth2Client(server.uri("/oauth/token"), how, List.of("read:all", "write"));
    }

    List<TestServer.Received> tokenRequests() {
      return server.received().stream()
          .filter(r -> r.uri().getPath().equals("/oauth/token"))
          .toList();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  @Test
  void clientCredentialsTokenIsFetchedOnceReusedAndRefreshedAfterExpiry() throws Exception {
    try (OAuthSystem sor = new OAuthSystem(3600)) {
      HttpEngine engine =
          engine(
              RequestAuthenticators.oauth2ClientCredentials(
                  ref(Map.of("clientId", "app", "clientSecret", "cs")),
                  sor.client(OAuth2Client.ClientAuthentication.BASIC_HEADER),
                  time));

      for (int i = 0; i < 3; i++) {
        assertThat(
                engine
                    .fetchOne(RequestTemplate.get(sor.server.uri("/api")))
                    .get("authorization")
                    .asString())
            .isEqualTo("Bearer at-1");
      }
      assertThat(sor.tokensIssued).hasValue(1);
      TestServer.Received tokenRequest = sor.tokenRequests().get(0);
      assertThat(tokenRequest.method()).isEqualTo("POST");
      assertThat(tokenRequest.header("Authorization"))
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder().encodeToString("app:cs".getBytes(StandardCharsets.UTF_8)));
      assertThat(tokenRequest.header("Content-Type"))
          .isEqualTo("application/x-www-form-urlencoded");
      assertThat(tokenRequest.body())
          .isEqualTo("grant_type=client_credentials&scope=read%3Aall%20write");

      time.advance(Duration.ofSeconds(3600 - 31));
      engine.fetchOne(RequestTemplate.get(sor.server.uri("/api")));
      assertThat(sor.tokensIssued).hasValue(1);

      time.advance(Duration.ofSeconds(2));
      assertThat(
              engine
                  .fetchOne(RequestTemplate.get(sor.server.uri("/api")))
                  .get("authorization")
                  .asString())
          .isEqualTo("Bearer at-2");
      assertThat(sor.tokensIssued).hasValue(2);
    }
  }

  @Test
  void clientAuthenticationInTheFormBody() throws Exception {
    try (OAuthSystem sor = new OAuthSystem(3600)) {
      engine(
              RequestAuthenticators.oauth2ClientCredentials(
                  ref(Map.of("clientId", "app", "clientSecret", "c s")),
                  sor.client(OAuth2Client.ClientAuthentication.FORM_BODY),
                  time))
          .fetchOne(RequestTemplate.get(sor.server.uri("/api")));

      TestServer.Received tokenRequest = sor.tokenRequests().get(0);
      assertThat(tokenRequest.header("Authorization")).isNull();
      assertThat(tokenRequest.body())
          .isEqualTo(
              "grant_type=client_credentials&scope=read%3Aall%20write&client_id=app&client_secret=c%20s");
    }
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
    try (OAuthSystem sor = new OAuthSystem(3600)) {
      HttpEngine engine =
          engine(
              RequestAuthenticators.oauth2ClientCredentials(
                  ref(Map.of("clientId", "app", "clientSecret", CANARY)),
                  sor.client(OAuth2Client.ClientAuthentication.BASIC_HEADER),
                  time));
      engine.fetchOne(RequestTemplate.get(sor.server.uri("/api")));
      sor.rejectNext.set(1);

      var answer = engine.fetchOne(RequestTemplate.get(sor.server.uri("/api")));

      assertThat(answer.get("authorization").asString()).isEqualTo("Bearer at-2");
      assertThat(sor.tokensIssued).hasValue(2);

      sor.rejectAll = true;
      assertThatThrownBy(() -> engine.fetchOne(RequestTemplate.get(sor.server.uri("/api"))))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("HTTP 401 even with a freshly obtained access token")
          .hasMessageContaining("\"seen\":\"Bearer ***\"")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("at-3").doesNotContain(CANARY));
      assertThat(sor.tokensIssued).hasValue(3);
    }
  }

  @Test
  void refreshTokenGrantUsesTheStoredThenTheRotatedRefreshToken() throws Exception {
    try (OAuthSystem sor = new OAuthSystem(60)) {
      HttpEngine engine =
          engine(
              RequestAuthenticators.oauth2RefreshToken(
                  ref(Map.of("clientId", "app", "refreshToken", "rt-stored")),
                  new OAuth2Client(
                      sor.server.uri("/oauth/token"),
                      OAuth2Client.ClientAuthentication.FORM_BODY,
                      List.of()),
                  time));

      engine.fetchOne(RequestTemplate.get(sor.server.uri("/api")));
      time.advance(Duration.ofSeconds(60));
      engine.fetchOne(RequestTemplate.get(sor.server.uri("/api")));

      assertThat(sor.tokenRequests())
          .extracting(TestServer.Received::body)
          .containsExactly(
              "grant_type=refresh_token&refresh_token=rt-stored&client_id=app",
              "grant_type=refresh_token&refresh_token=rt-1&client_id=app");
    }
  }

  @Test
  void aFailingTokenEndpointIsReportedWithoutTheClientSecret() throws Exception {
    try (TestServer idp =
        TestServer.start(
            request ->
                Reply.status(
                    401,
                    "{\"error\":\"invalid_client\",\"echo\":\""
                        + request.header("Authorization")
                        + " "
                        + request.body()
                        + "\"}"))) {
      for (OAuth2Client.ClientAuthentication how : OAuth2Client.ClientAuthentication.values()) {
        HttpEngine engine =
            engine(
                RequestAuthenticators.oauth2ClientCredentials(
                    ref(Map.of("clientId", "app", "clientSecret", CANARY)),
                    new OAuth2Client(idp.uri("/token"), how, List.of()),
                    time));

        assertThatThrownBy(() -> engine.fetchOne(RequestTemplate.get(idp.uri("/api"))))
            .isInstanceOf(HttpStatusException.class)
            .hasMessageContaining(
                "token request POST http://127.0.0.1:" + idp.port() + "/token failed with HTTP 401")
            .hasMessageContaining("invalid_client")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
      }
    }
  }

  @Test
  void credentialsFollowARedirectOnlyWithinTheSameOrigin() throws Exception {
    try (TestServer other = echo();
        TestServer sor =
            TestServer.start(
                request ->
                    switch (request.uri().getPath()) {
                      case "/moved" -> Reply.status(301, "").withHeader("Location", "/here");
                      case "/away" ->
                          Reply.status(302, "")
                              .withHeader("Location", other.uri("/there").toString());
                      default ->
                          Reply.json(
                              "{\"authorization\":\"" + request.header("Authorization") + "\"}");
                    })) {
      HttpEngine engine = engine(RequestAuthenticators.bearer(ref(Map.of("token", CANARY))));

      assertThat(
              engine
                  .fetchOne(RequestTemplate.get(sor.uri("/moved")))
                  .get("authorization")
                  .asString())
          .isEqualTo("Bearer " + CANARY);
      assertThat(
              engine
                  .fetchOne(RequestTemplate.get(sor.uri("/away")))
                  .get("authorization")
                  .asString())
          .isEqualTo("null");
      assertThat(other.received()).hasSize(1);
    }
  }
}
