package dev.microworks.microapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.MicroworksApplication;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.ServerProcess;
import dev.microworks.testsupport.TestWallet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The page API as users meet it: one real server process on the embedded PostgreSQL, the demo
 * system of record synchronised into it for real, a microapp whose tickets are filtered to the
 * signed-in assignee, and users who call with personal access tokens made through a real sign-in.
 * What a user sees is compared with the demo SoR's own data.
 *
 * <p>alice and bob are the demo SoR's users (tickets are assigned to {@code
 * alice@demo.microworks.dev} and {@code bob@demo.microworks.dev}) and subscribe to the microapp;
 * carol is a user who does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INTEGRATION = "demo-sor-cursor";
  private static final String ALICE = "alice@demo.microworks.dev";
  private static final String BOB = "bob@demo.microworks.dev";
  private static final String CAROL = "carol-outsider@example.org";
  private static final String PASSWORD = "pages test passphrase 42";
  private static final String APPS = "/api/v1/apps";
  private static final String LIST = APPS + "/helpdesk/pages/my-tickets";
  private static final String DETAIL = APPS + "/helpdesk/pages/ticket/records/";

  /** The microapp: tickets filtered to their assignee, planned as blind-index lookups. */
  private static final String HELPDESK =
      """
      id: helpdesk
      title: Helpdesk
      integration: demo-sor-cursor
      subscribers:
        users: [alice@demo.microworks.dev, bob@demo.microworks.dev]
      filters:
        tickets: record.assignee_email == user.email
      pages:
        - id: my-tickets
          type: list
          title: My tickets
          table: tickets
          columns: [key, title, status, priority, assignee_email, due_date]
          sort:
            - {column: due_date}
          search: [key, title]
          detail-page: ticket
        - id: ticket
          type: detail
          title: Ticket
          table: tickets
          fields: [key, title, description, status, assignee_email]
          related:
            - table: ticket_comments
              columns: [id, author, body]
          actions:
            - id: comment
              label: Comment
              form:
                - {name: body, label: Comment, type: textarea, required: true}
      """;

  /** The same with a filter that is not only e-mail equalities, so its table is browsed. */
  private static final String BROWSED =
      HELPDESK
          .replace("id: helpdesk", "id: helpdesk-browsed")
          .replace(
              "tickets: record.assignee_email == user.email",
              "tickets: record.assignee_email == user.email || record.status == 'no-such'");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private final DemoSor sor = DemoSor.shared();
  private final int httpPort = ServerProcess.freePort();
  private ServerProcess server;
  private ApiClient admin;
  private ApiClient alice;
  private ApiClient bob;
  private ApiClient carol;

  @BeforeAll
  void aServerWithTheDemoSorSyncedAndTheHelpdeskMicroapp() throws Exception {
    server =
        ServerProcess.start(
            MicroworksApplication.class.getName(),
            work.resolve("server.log"),
            httpPort,
            List.of(
                "--microworks.database.embedded.data-directory=" + work.resolve("pg"),
                "--microworks.database.embedded.port=" + ServerProcess.freePort(),
                "--microworks.identity.bootstrap.token-file=" + work.resolve("token"),
                "--microworks.sync.schedules-enabled=false",
                "--db-scheduler.polling-interval=200ms"));
    server.awaitReady(Duration.ofSeconds(90));
    admin = new ApiClient(httpPort, Files.readString(work.resolve("token")).strip());

    expect(201, admin.post("/api/v1/integrations", "application/yaml", integrationSpec()));
    expect(
        200,
        admin.put(
            "/api/v1/integrations/" + INTEGRATION + "/credentials/demo-sor-service",
            "application/json",
            "{\"fields\": {\"clientId\": \"%s\", \"clientSecret\": \"%s\"}, \"expires_at\": null}"
                .formatted(TestWallet.DEMO_CLIENT_ID, TestWallet.DEMO_CLIENT_SECRET)));
    JsonNode run = syncFully();
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

    expect(201, admin.put("/api/v1/microapps/helpdesk", "application/yaml", HELPDESK));
    expect(201, admin.put("/api/v1/microapps/helpdesk-browsed", "application/yaml", BROWSED));
    alice = user(ALICE);
    bob = user(BOB);
    carol = user(CAROL);
  }

  @AfterAll
  void stopTheServer() throws InterruptedException {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void aSubscriberSeesTheMicroappWithItsPages_andOthersDoNot() {
    JsonNode apps = ApiClient.json(expect(200, alice.get(APPS)));

    assertThat(apps.valueStream().map(app -> app.get("id").asString()))
        .containsExactly("helpdesk", "helpdesk-browsed");
    assertThat(apps.get(0).get("title").asString()).isEqualTo("Helpdesk");
    assertThat(apps.get(0).get("pages").toString())
        .isEqualTo(
            "[{\"id\":\"my-tickets\",\"type\":\"list\",\"title\":\"My tickets\"},"
                + "{\"id\":\"ticket\",\"type\":\"detail\",\"title\":\"Ticket\"}]");
    assertThat(ApiClient.json(expect(200, carol.get(APPS)))).isEmpty();
  }

  @Test
  void theListShowsExactlyTheTicketsAssignedToTheUser_andTotalCountsThem() {
    List<String> expected = keysAssignedTo(ALICE);
    assertThat(expected).as("the demo SoR assigns tickets to alice").isNotEmpty();

    JsonNode page = ApiClient.json(expect(200, alice.get(LIST + "?limit=500")));

    assertThat(page.get("total").asLong()).isEqualTo(expected.size());
    assertThat(keys(page)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(page.get("columns").toString())
        .isEqualTo("[\"key\",\"title\",\"status\",\"priority\",\"assignee_email\",\"due_date\"]");
    assertThat(page.get("rows").valueStream().map(r -> r.get("values").get("assignee_email")))
        .allMatch(email -> email.asString().equals(ALICE));
    assertThat(page.get("detail_page").asString()).isEqualTo("ticket");
    // the declared sort: by due date, ascending
    List<String> dues =
        page.get("rows")
            .valueStream()
            .map(r -> r.get("values").get("due_date").asString(""))
            .toList();
    assertThat(dues).isSortedAccordingTo(Comparator.naturalOrder());

    JsonNode bobs = ApiClient.json(expect(200, bob.get(LIST + "?limit=500")));
    assertThat(bobs.get("total").asLong()).isEqualTo(keysAssignedTo(BOB).size());
    assertThat(keys(bobs)).doesNotContainAnyElementsOf(expected);
  }

  @Test
  void windowsPageThroughTheSameRowsAndTotalStaysTheCountOfAll() {
    List<String> all = keys(ApiClient.json(expect(200, alice.get(LIST + "?limit=500"))));
    List<String> windows = new ArrayList<>();
    for (int offset = 0; offset < all.size(); offset += 2) {
      JsonNode window = ApiClient.json(expect(200, alice.get(LIST + "?limit=2&offset=" + offset)));
      assertThat(window.get("total").asLong()).isEqualTo(all.size());
      windows.addAll(keys(window));
    }

    assertThat(windows).containsExactlyElementsOf(all);
  }

  @Test
  void aSortOverrideOrdersByAPageColumn() {
    JsonNode page = ApiClient.json(expect(200, alice.get(LIST + "?limit=500&sort=-key")));

    assertThat(keys(page)).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(page.get("sort").toString()).isEqualTo("[\"-key\"]");
  }

  @Test
  void searchFindsTheUsersTicketsAndNeverAnotherUsers() {
    String hers = keysAssignedTo(ALICE).get(0);
    String his = keysAssignedTo(BOB).get(0);

    JsonNode found = ApiClient.json(expect(200, alice.get(LIST + "?q=" + encode(hers))));
    assertThat(keys(found)).contains(hers).allMatch(keysAssignedTo(ALICE)::contains);
    assertThat(found.get("total").asLong()).isEqualTo(keys(found).size());

    JsonNode lowerCase =
        ApiClient.json(expect(200, alice.get(LIST + "?q=" + encode(hers.toLowerCase()))));
    assertThat(keys(lowerCase)).as("case-insensitive").contains(hers);

    JsonNode notFound = ApiClient.json(expect(200, alice.get(LIST + "?q=" + encode(his))));
    assertThat(keys(notFound)).doesNotContain(his).allMatch(keysAssignedTo(ALICE)::contains);

    // a title word of one of bob's tickets finds only alice's tickets with that word
    String title = sorTicket(his).get("title").asString();
    String word =
        Arrays.stream(title.split(" ")).max(Comparator.comparingInt(String::length)).get();
    JsonNode byTitle = ApiClient.json(expect(200, alice.get(LIST + "?q=" + encode(word))));
    assertThat(keys(byTitle))
        .containsExactlyInAnyOrderElementsOf(
            keysAssignedTo(ALICE).stream()
                .filter(
                    key ->
                        sorTicket(key)
                            .get("title")
                            .asString()
                            .toLowerCase()
                            .contains(word.toLowerCase()))
                .toList());
  }

  @Test
  void theDetailPageShowsFieldsRelatedCommentsAndActions() {
    String hers = keysAssignedTo(ALICE).get(0);
    JsonNode ticket = sorTicket(hers);

    JsonNode detail = ApiClient.json(expect(200, alice.get(DETAIL + encode(hers))));

    assertThat(detail.get("key").asString()).isEqualTo(hers);
    assertThat(detail.get("fields").get("title").asString())
        .isEqualTo(ticket.get("title").asString());
    assertThat(detail.get("fields").get("assignee_email").asString()).isEqualTo(ALICE);
    JsonNode comments = detail.get("related").get(0);
    assertThat(comments.get("table").asString()).isEqualTo("ticket_comments");
    assertThat(comments.get("total").asLong()).isEqualTo(ticket.get("comments").size());
    assertThat(detail.get("actions").toString())
        .isEqualTo(
            "[{\"id\":\"comment\",\"label\":\"Comment\",\"form\":[{\"name\":\"body\","
                + "\"label\":\"Comment\",\"type\":\"textarea\",\"required\":true}]}]");
  }

  @Test
  void aRecordTheFilterHidesIsNotFoundLikeAKeyThatDoesNotExist() {
    String hers = keysAssignedTo(ALICE).get(0);

    HttpResponse<String> hidden = expect(404, bob.get(DETAIL + encode(hers)));
    HttpResponse<String> missing = expect(404, bob.get(DETAIL + "NO-SUCH-KEY-4711"));

    assertThat(withoutInstance(hidden)).isEqualTo(withoutInstance(missing));
    assertThat(withoutInstance(hidden)).doesNotContain(hers);
    assertThat(ApiClient.json(hidden).get("instance").asString())
        .as("the instance is the path the caller sent, nothing more")
        .isEqualTo(DETAIL + hers);
    assertThat(ApiClient.json(hidden).get("detail").asString())
        .isEqualTo("No such record on page 'ticket' of microapp 'helpdesk'.");
    assertThat(hidden.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theExportHoldsOnlyTheUsersRowsAsCsv() {
    HttpResponse<String> export = expect(200, alice.get(LIST + "/export"));

    assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
    assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment")
        .contains("helpdesk-my-tickets.csv");
    List<String> lines = Arrays.asList(export.body().split("\r\n", -1));
    assertThat(lines.get(0)).isEqualTo("key,title,status,priority,assignee_email,due_date");
    assertThat(lines.get(lines.size() - 1)).as("the last line ends in CRLF").isEmpty();
    List<String> rows = lines.subList(1, lines.size() - 1);
    assertThat(rows)
        .extracting(line -> line.substring(0, line.indexOf(',')))
        .containsExactlyInAnyOrderElementsOf(keysAssignedTo(ALICE));
    assertThat(rows).allMatch(line -> line.contains("," + ALICE + ","));
    assertThat(export.body()).doesNotContain(BOB);

    String hers = keysAssignedTo(ALICE).get(0);
    HttpResponse<String> searched = expect(200, alice.get(LIST + "/export?q=" + encode(hers)));
    assertThat(searched.body()).contains(hers + ",").doesNotContain(BOB);
  }

  @Test
  void aNonSubscriberGetsNotFoundForTheAppLikeForOneThatDoesNotExist() {
    HttpResponse<String> list = expect(404, carol.get(LIST));
    HttpResponse<String> unknown = expect(404, carol.get(APPS + "/no-such-app/pages/my-tickets"));

    assertThat(ApiClient.json(list).get("detail").asString()).isEqualTo("No microapp 'helpdesk'.");
    assertThat(ApiClient.json(unknown).get("detail").asString())
        .isEqualTo("No microapp 'no-such-app'.");
    expect(404, carol.get(DETAIL + encode(keysAssignedTo(ALICE).get(0))));
    expect(404, carol.get(LIST + "/export"));
  }

  @Test
  void badRequestsAreProblemsSayingWhatIsAllowed() {
    HttpResponse<String> sort = expect(400, alice.get(LIST + "?sort=description"));
    assertThat(ApiClient.json(sort).get("detail").asString())
        .isEqualTo(
            "Cannot sort page 'my-tickets' by 'description'; sort by one of its columns: key,"
                + " title, status, priority, assignee_email, due_date (prefix - for descending).");
    assertThat(ApiClient.json(expect(400, alice.get(LIST + "?limit=501"))).get("detail").asString())
        .isEqualTo("limit must be from 1 to 500, was 501.");
    assertThat(
            ApiClient.json(expect(404, alice.get(APPS + "/helpdesk/pages/nope")))
                .get("detail")
                .asString())
        .isEqualTo("Microapp 'helpdesk' has no page 'nope'; it has my-tickets, ticket.");
  }

  @Test
  void aFilterThatCannotBeLookedUpIsBrowsedWithTheSameResult() {
    JsonNode page =
        ApiClient.json(
            expect(200, alice.get(APPS + "/helpdesk-browsed/pages/my-tickets?limit=500")));

    assertThat(page.get("total").asLong()).isEqualTo(keysAssignedTo(ALICE).size());
    assertThat(keys(page)).containsExactlyInAnyOrderElementsOf(keysAssignedTo(ALICE));
  }

  private List<String> keysAssignedTo(String email) {
    return sor.all("tickets").stream()
        .filter(t -> t.get("assignee_email").asString().equals(email))
        .map(t -> t.get("key").asString())
        .sorted()
        .toList();
  }

  private JsonNode sorTicket(String key) {
    return sor.all("tickets").stream()
        .filter(t -> t.get("key").asString().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> keys(JsonNode page) {
    return page.get("rows").valueStream().map(r -> r.get("key").asString()).toList();
  }

  private static String withoutInstance(HttpResponse<String> response) {
    ObjectNode body = (ObjectNode) JSON.readTree(response.body());
    body.remove("instance");
    return body.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    assertThat(response.statusCode())
        .as(response.request().method() + " " + response.request().uri() + ": " + response.body())
        .isEqualTo(status);
    return response;
  }

  /** A USER made by the admin, signed in, calling with a personal access token. */
  private ApiClient user(String email) {
    expect(
        201,
        admin.post(
            "/api/v1/users",
            "application/json",
            "{\"email\": \"%s\", \"password\": \"%s\", \"roles\": [\"USER\"],"
                    .formatted(email, PASSWORD)
                + " \"must_change_password\": false}"));
    Browser browser = new Browser(httpPort);
    assertThat(browser.signIn(email, PASSWORD).headers().firstValue("Location")).hasValue("/");
    browser.refreshCsrf();
    HttpResponse<String> made =
        expect(201, browser.api("POST", "/api/v1/me/tokens", "{\"name\": \"pages test\"}"));
    return new ApiClient(httpPort, ApiClient.json(made).get("token").asString());
  }

  private JsonNode syncFully() throws InterruptedException {
    HttpResponse<String> queued =
        expect(
            202,
            admin.send(
                admin
                    .request("/api/v1/integrations/" + INTEGRATION + "/sync?mode=full")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())));
    String run = ApiClient.json(queued).get("id").asString();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = ApiClient.json(admin.get("/api/v1/runs/" + run));
      String status = state.get("status").asString();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return state;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("sync run " + run + " did not finish within 90 s");
  }

  private String integrationSpec() {
    try (InputStream in =
        PagesIntegrationTests.class.getResourceAsStream("/integrations/" + INTEGRATION + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("http://127.0.0.1:8081", sor.base().toString())
          .replace("requests: 20\n", "requests: 500\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
