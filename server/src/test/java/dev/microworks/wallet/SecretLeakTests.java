package dev.microworks.wallet;

import static dev.microworks.wallet.DemoSpecs.credential;
import static dev.microworks.wallet.DemoSpecs.spec;
import static dev.microworks.wallet.ProblemAssertions.assertLocated;
import static dev.microworks.wallet.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.microworks.MicroworksApplication;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.ServerProcess;
import dev.microworks.testsupport.TestWallet;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * No secret value leaves the server: not in any answer (body or header) of any endpoint, error
 * page, actuator endpoint or export, for any principal; not in any line of its log at DEBUG.
 *
 * <p>One real server process on the embedded database, started with {@code
 * --logging.level.root=DEBUG} and writing everything to its log file, and the demo system of
 * record. Canaries ({@code CANARY-<uuid>}, see {@link LeakWatch}) are planted wherever a secret
 * could go in: valid credential PUTs, a wrong client secret that a sync then sends to the demo SoR,
 * malformed, truncated and oversized bodies, specs with inline secrets, query parameters and
 * headers. Every answer is searched as it arrives; the log is searched after the process stopped.
 *
 * <p>Principals: no token (anonymous), a wrong bearer token, a Basic password, and one caller per
 * role: a USER and a MICROAPP_ADMIN with personal access tokens (made through a real sign-in), and
 * the bootstrap admin token (ADMIN). Their tokens and passwords are watched like the canaries.
 *
 * <p>The endpoints come from the application itself: every operation of its OpenAPI document
 * ({@code /v3/api-docs}) is called, so a new endpoint is covered without touching this test; one
 * with a path variable or a request body this test does not know fails it until it is taught a
 * value. Actuator endpoints, error pages and documents outside {@code /api} are listed in {@link
 * EndpointSweep#OUTSIDE_THE_API}.
 *
 * <p>The methods run in order on the one server; the last stops it and reads its log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretLeakTests {

  private static final String JSON_TYPE = "application/json";
  private static final String YAML = "application/yaml";
  private static final String INTEGRATIONS = "/api/v1/integrations";

  /** The demo integration, with the demo SoR's real service credentials. */
  private static final String MAIN = "demo-sor-offset";

  /** A copy with a wrong client secret, deleted by the endpoint sweep. */
  private static final String WRONG = "leak-wrong-secret";

  private static final String SERVICE_SLOT = "demo-sor-service";
  private static final String USER_SLOT = "demo-sor-user-actions";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private final LeakWatch watch = new LeakWatch();
  private final int databasePort = ServerProcess.freePort();
  private final int httpPort = ServerProcess.freePort();
  private ServerProcess server;
  private Caller admin;
  private String mainRun;
  private String wrongRun;

  /** Who calls: an authenticated principal or none, with how it presents itself. */
  record Caller(String name, ApiClient api, String authorization) {
    HttpRequest.Builder request(String path) {
      HttpRequest.Builder request = api.request(path);
      return authorization == null ? request : request.header("Authorization", authorization);
    }

    static final String ADMIN = "the bootstrap admin";
    static final String USER = "a USER (personal access token)";
    static final String MICROAPP_ADMIN = "a MICROAPP_ADMIN (personal access token)";

    boolean isAdmin() {
      return name.equals(ADMIN);
    }

    /** Whether the caller is authenticated (and so gets past 401). */
    boolean signedIn() {
      return isAdmin() || name.equals(USER) || name.equals(MICROAPP_ADMIN);
    }
  }

  @BeforeAll
  void startTheServerAtDebug() throws Exception {
    server =
        ServerProcess.start(
            MicroworksApplication.class.getName(),
            work.resolve("server.log"),
            httpPort,
            List.of(
                "--logging.level.root=DEBUG",
                "--microworks.database.embedded.data-directory=" + work.resolve("pg"),
                "--microworks.database.embedded.port=" + databasePort,
                "--microworks.identity.bootstrap.token-file=" + work.resolve("token"),
                "--microworks.sync.schedules-enabled=false",
                "--db-scheduler.polling-interval=200ms"));
    DemoSor.shared(); // starts while the server does
    server.awaitReady(Duration.ofSeconds(90));
    String token = Files.readString(work.resolve("token")).strip();
    watch.watch(token, "the bootstrap admin token");
    admin = new Caller(Caller.ADMIN, new ApiClient(httpPort, token), null);
  }

  @AfterAll
  void stopTheServer() throws InterruptedException {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @Order(1)
  void aSetSlotShowsWhichFieldsAreSetButNoValue_andTheDemoCredentialsSync() throws Exception {
    assertThat(send(admin, "POST", INTEGRATIONS, YAML, spec(MAIN)).statusCode()).isEqualTo(201);
    HttpResponse<String> set =
        send(
            admin,
            "PUT",
            slot(MAIN, SERVICE_SLOT),
            JSON_TYPE,
            credential(
                Map.of(
                    "clientId", TestWallet.DEMO_CLIENT_ID,
                    "clientSecret", TestWallet.DEMO_CLIENT_SECRET)));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    HttpResponse<String> shown = send(admin, "GET", slot(MAIN, SERVICE_SLOT));
    assertSetWithoutValues(shown, List.of("clientId", "clientSecret"));
    assertThat(set.body() + shown.body())
        .doesNotContain(TestWallet.DEMO_CLIENT_SECRET)
        .doesNotContain(TestWallet.DEMO_CLIENT_ID);

    // the users' slot, a canary in every field it takes
    JsonNode userSlot = ApiClient.json(send(admin, "GET", slot(MAIN, USER_SLOT)));
    Map<String, String> canaries = new LinkedHashMap<>();
    userSlot.get("required_fields").forEach(f -> canaries.put(f.asString(), watch.canary()));
    userSlot.get("optional_fields").forEach(f -> canaries.put(f.asString(), watch.canary()));
    assertThat(canaries).isNotEmpty();
    set = send(admin, "PUT", slot(MAIN, USER_SLOT), JSON_TYPE, credential(canaries));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertSetWithoutValues(send(admin, "GET", slot(MAIN, USER_SLOT)), canaries.keySet());

    mainRun = sync(MAIN);
    JsonNode run = awaitRun(mainRun);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("records_read").asLong()).isPositive();
    assertNoLeaks();
  }

  @Test
  @Order(2)
  void aWrongClientSecretFailsTheSync_andTheRunsErrorDoesNotQuoteIt() throws Exception {
    String secret = watch.canary();
    watch.watch(
        LeakWatch.base64(TestWallet.DEMO_CLIENT_ID + ":" + secret),
        "the Basic header made of a wrong client secret");
    assertThat(send(admin, "POST", INTEGRATIONS, YAML, spec(WRONG)).statusCode()).isEqualTo(201);
    Map<String, String> wrong =
        Map.of("clientId", TestWallet.DEMO_CLIENT_ID, "clientSecret", secret);
    assertThat(send(admin, "PUT", slot(WRONG, SERVICE_SLOT), JSON_TYPE, credential(wrong)))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);

    wrongRun = sync(WRONG);
    JsonNode run = awaitRun(wrongRun);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("FAILED");
    assertThat(run.get("error").asString()).isNotBlank().doesNotContain(secret).contains("401");
    assertNoLeaks();
  }

  @Test
  @Order(3)
  void malformedCredentialsAreProblemsSayingWhatAndWhereWithoutQuotingThem() {
    SoftAssertions softly = new SoftAssertions();
    for (MalformedCredentials.Case bad : new MalformedCredentials(watch).cases()) {
      String path = slot(bad.integration(), bad.slot()) + "?note=" + watch.canary();
      HttpResponse<String> answer =
          send(admin, "PUT", path, bad.type(), bad.body(), canaryHeaders());
      assertProblem(softly, bad.what(), answer, bad.status(), bad.says());
    }
    // oversized again, streamed: no Content-Length to refuse it by
    byte[] large = MalformedCredentials.oversized(watch).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder streamed =
        admin
            .request(slot(MAIN, SERVICE_SLOT))
            .header("Content-Type", JSON_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));
    HttpResponse<String> answer = watch.check("PUT (streamed 70 KB)", admin.api().send(streamed));
    assertProblem(softly, "70 KB streamed", answer, 413, List.of("larger than 65536 bytes"));
    softly.assertAll();
    assertSetWithoutValues(
        send(admin, "GET", slot(MAIN, SERVICE_SLOT)), List.of("clientId", "clientSecret"));
    assertNoLeaks();
  }

  @Test
  @Order(4)
  void aSpecWithInlineSecretsIsRefusedWithoutQuotingThem() {
    String id = "leak-inline-secrets";
    List<String> secrets = List.of(watch.canary(), watch.canary(), watch.canary(), watch.canary());
    String inline = DemoSpecs.withInlineSecrets(id, secrets);
    assertThat(inline).contains(secrets);
    SoftAssertions softly = new SoftAssertions();
    for (String[] call :
        List.of(
            new String[] {"POST", INTEGRATIONS},
            new String[] {"PUT", INTEGRATIONS + "/" + id},
            new String[] {"POST", INTEGRATIONS + "/validate"})) {
      String what = call[0] + " " + call[1] + " with inline secrets";
      HttpResponse<String> answer = send(admin, call[0], call[1], YAML, inline, canaryHeaders());
      assertProblem(softly, what, answer, 422, List.of("4 problems in integration spec"));
      JsonNode problems = ApiClient.json(answer).path("problems");
      softly.assertThat(problems).as(what).hasSize(4);
      problems.forEach(
          problem -> {
            softly.assertThat(problem.get("message").asString()).startsWith("inline secret");
            softly.assertThat(problem.get("line").asInt()).as(what + " line").isPositive();
            softly.assertThat(problem.get("column").asInt()).as(what + " column").isPositive();
          });
      softly
          .assertThat(problems.findValuesAsString("path"))
          .as(what)
          .contains("security.client-secret", "connection.password")
          .anyMatch(path -> path.endsWith("Authorization"))
          .anyMatch(path -> path.endsWith("api_key"));
    }
    // a secret that breaks the YAML, and one where a mapping was expected
    String broken = DemoSpecs.withBrokenSecret(id, watch.canary());
    HttpResponse<String> answer = send(admin, "POST", INTEGRATIONS, YAML, broken);
    assertProblem(softly, "YAML broken in a secret", answer, 422, List.of("1 problem"));
    assertLocated(softly, "YAML broken in a secret", answer, "not valid YAML");
    String misplaced = DemoSpecs.withHeadersAsOneString(id, watch.canary());
    answer = send(admin, "POST", INTEGRATIONS, YAML, misplaced);
    assertProblem(softly, "headers as one string", answer, 422, List.of("1 problem"));
    assertLocated(softly, "headers as one string", answer, "expected a mapping");
    softly.assertAll();
    assertThat(send(admin, "GET", INTEGRATIONS + "/" + id).statusCode()).isEqualTo(404);
    assertNoLeaks();
  }

  @Test
  @Order(5)
  void aParameterOfTheWrongTypeIsNamedNotQuoted() {
    Map<String, String> wrong =
        Map.of(
            "/api/v1/audit?limit=" + watch.canary(),
            "'limit' is not a valid int.",
            INTEGRATIONS + "/" + MAIN + "/runs?limit=" + watch.canary(),
            "'limit' is not a valid int.",
            INTEGRATIONS + "/" + MAIN + "/tables/tickets/records?size=" + watch.canary(),
            "'size' is not a valid int.",
            "/api/v1/runs/not-a-run-id",
            "'runId' is not a valid UUID.");
    SoftAssertions softly = new SoftAssertions();
    wrong.forEach(
        (path, says) -> assertProblem(softly, path, send(admin, "GET", path), 400, List.of(says)));
    String sync = INTEGRATIONS + "/" + MAIN + "/sync?mode=" + watch.canary();
    assertProblem(
        softly,
        sync,
        send(admin, "POST", sync, null, ""),
        400,
        List.of("mode must be full or incremental"));
    softly.assertAll();
    assertNoLeaks();
  }

  @Test
  @Order(6)
  void noPrincipalSeesASecretOnAnyEndpoint() {
    List<Caller> principals = principals();
    HttpResponse<String> document = send(principals.get(0), "GET", "/v3/api-docs");
    assertThat(document.statusCode()).isEqualTo(200);
    List<ApiOperation> operations = ApiOperation.of(ApiClient.json(document));
    assertThat(operations)
        .extracting(ApiOperation::toString)
        .contains(
            "PUT " + INTEGRATIONS + "/{id}/credentials/{slot}",
            "GET /api/v1/wallet",
            "GET /api/v1/audit");
    EndpointSweep sweep =
        new EndpointSweep(this::send, watch, subject(MAIN, mainRun), subject(WRONG, wrongRun));
    SoftAssertions softly = new SoftAssertions();
    for (Caller caller : principals) {
      sweep.outsideTheApi(
          softly,
          caller,
          List.of(INTEGRATIONS + "/" + MAIN + "/spec", INTEGRATIONS + "/" + WRONG + "/spec"));
      for (ApiOperation operation : operations) {
        sweep.call(softly, caller, operation);
      }
    }
    System.out.printf(
        "Endpoint sweep: %d operations of /v3/api-docs and %d other paths, %d principals,"
            + " %d requests%n",
        operations.size(),
        EndpointSweep.OUTSIDE_THE_API.size() + 2,
        principals.size(),
        sweep.requests());
    softly.assertAll();
    assertNoLeaks();
  }

  @Test
  @Order(7)
  void noCanaryInAnyLineOfTheDebugLog() throws Exception {
    assertThat(server.stop()).as("exit code after SIGTERM").isIn(0, 143);
    List<String> lines =
        Files.readAllLines(work.resolve("server.log"), StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      watch.checkLine("server.log", i + 1, lines.get(i));
    }
    assertThat(lines)
        .as("answers logged at DEBUG")
        .anyMatch(line -> line.contains(" DEBUG ") && line.contains("Writing [SlotView["));
    assertThat(watch.canariesPlanted()).isGreaterThanOrEqualTo(50);
    assertNoLeaks();
  }

  /** Every principal; the admin last, because its sweep deletes (and it reads everything first). */
  private List<Caller> principals() {
    ApiClient none = new ApiClient(httpPort, null);
    String basic = "admin:" + watch.canary();
    watch.watch(LeakWatch.base64(basic), "a Basic password");
    return List.of(
        new Caller("anonymous", none, null),
        new Caller("a wrong bearer token", none, "Bearer mwb_" + watch.canary()),
        new Caller("a Basic password", none, "Basic " + LeakWatch.base64(basic)),
        withRole(Caller.USER, "USER"),
        withRole(Caller.MICROAPP_ADMIN, "MICROAPP_ADMIN"),
        admin);
  }

  /**
   * A user holding {@code role}, made by the admin, signed in through the sign-in form, calling
   * with a personal access token made through that session; its password and token are watched.
   */
  private Caller withRole(String name, String role) {
    String email = "leak-" + role.toLowerCase(java.util.Locale.ROOT) + "@example.org";
    String password = "leak test passphrase " + UUID.randomUUID();
    watch.watch(password, "the password of " + email);
    HttpResponse<String> created =
        send(
            admin,
            "POST",
            "/api/v1/users",
            JSON_TYPE,
            "{\"email\": \"%s\", \"password\": \"%s\", \"roles\": [\"%s\"],"
                    .formatted(email, password, role)
                + " \"must_change_password\": false}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Browser browser = new Browser(httpPort);
    assertThat(browser.signIn(email, password).headers().firstValue("Location")).hasValue("/");
    browser.refreshCsrf();
    HttpResponse<String> made =
        browser.api("POST", "/api/v1/me/tokens", "{\"name\": \"leak test\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String token = ApiClient.json(made).get("token").asString();
    watch.watch(token, "the personal access token of " + email);
    return new Caller(name, new ApiClient(httpPort, token), null);
  }

  /**
   * The values of the API's path variables for one integration (and a microapp of the same id, made
   * by the sweep's PUT of the disposable one: its pages, a detail page key and a rule).
   */
  private static Map<String, String> subject(String integration, String run) {
    return Map.of(
        "id",
        integration,
        "slot",
        SERVICE_SLOT,
        "table",
        "tickets",
        "runId",
        Objects.requireNonNullElse(run, UUID.randomUUID().toString()),
        "userId",
        UUID.randomUUID().toString(),
        "app",
        integration,
        "page",
        "tickets",
        "key",
        "HD-1",
        "rule",
        "leak-rule",
        "card",
        UUID.randomUUID().toString());
  }

  private Map<String, String> canaryHeaders() {
    return Map.of("X-Api-Key", watch.canary(), "Cookie", "SESSION=" + watch.canary());
  }

  private String sync(String integration) {
    HttpResponse<String> queued =
        send(admin, "POST", INTEGRATIONS + "/" + integration + "/sync?mode=full", null, null);
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    return ApiClient.json(queued).get("id").asString();
  }

  private JsonNode awaitRun(String run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = ApiClient.json(send(admin, "GET", "/api/v1/runs/" + run));
      String status = state.get("status").asString();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return state;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + run + " did not finish within 60 s");
  }

  private void assertSetWithoutValues(HttpResponse<String> answer, Iterable<String> fields) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode slot = ApiClient.json(answer);
    assertThat(slot.get("set").asBoolean()).as(answer.body()).isTrue();
    assertThat(slot.get("fields_set").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrderElementsOf(fields);
    assertThat(slot.propertyNames())
        .as("metadata only")
        .doesNotContain("fields", "value", "values", "secret");
  }

  private void assertNoLeaks() {
    List<String> leaks = watch.takeFindings();
    if (!leaks.isEmpty()) {
      fail(
          leaks.size()
              + " leaks (log in "
              + work
              + "):\n"
              + String.join("\n", leaks.subList(0, Math.min(leaks.size(), 60))));
    }
  }

  private HttpResponse<String> send(Caller caller, String method, String path) {
    return send(caller, method, path, null, null, Map.of());
  }

  private HttpResponse<String> send(
      Caller caller, String method, String path, String type, String body) {
    return send(caller, method, path, type, body, Map.of());
  }

  /** Sends a request and searches its answer; {@code type} and {@code body} may be null. */
  HttpResponse<String> send(
      Caller caller,
      String method,
      String path,
      String type,
      String body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        caller
            .request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    headers.forEach(request::header);
    return watch.check(method + " " + path + " as " + caller.name(), caller.api().send(request));
  }

  private static String slot(String integration, String slot) {
    return INTEGRATIONS + "/" + integration + "/credentials/" + slot;
  }
}
