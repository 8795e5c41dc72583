package dev.microworks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.microworks.MicroworksApplication;
import dev.microworks.cache.RecordsChanged;
import dev.microworks.identity.internal.TestIdentities;
import dev.microworks.integration.Integrations;
import dev.microworks.microapp.Microapps;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.MutableClock;
import dev.microworks.testsupport.ServerProcess;
import dev.microworks.testsupport.SseClient;
import dev.microworks.testsupport.TestWallet;
import dev.microworks.wallet.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;

/**
 * The notification pipeline end to end against the demo SoR: real syncs into a real PostgreSQL, the
 * demo microapps, users with real tokens and sessions, live streams read like a browser's
 * EventSource. One subclass per database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "db-scheduler.polling-interval=200ms",
      "microworks.sync.schedules-enabled=false",
      "microworks.microapp.schedule-check=PT1S"
    })
@Import(NotificationIntegrationTests.Support.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class NotificationIntegrationTests {

  static final String ALICE = "alice@demo.microworks.dev";
  static final String BOB = "bob@demo.microworks.dev";
  static final String INTEGRATION = "demo-sor-offset";

  @TestConfiguration
  static class Support {
    @Bean
    MutableClock clock() {
      return new MutableClock();
    }

    @Bean
    Recorded recorded() {
      return new Recorded();
    }
  }

  /** Every RecordsChanged published, to deliver one again. */
  static class Recorded {
    final List<RecordsChanged> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(RecordsChanged event) {
      events.add(event);
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Integrations integrations;
  @Autowired Microapps microapps;
  @Autowired Synchronizations synchronizations;
  @Autowired Wallet wallet;
  @Autowired MutableClock clock;
  @Autowired Recorded recorded;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionOperations transactions;
  @Autowired JdbcClient jdbc;
  @Autowired javax.sql.DataSource dataSource;

  final DemoSor sor = DemoSor.shared();
  TestIdentities identities;
  ApiClient alice;
  ApiClient bob;
  Browser aliceBrowser;

  @BeforeAll
  void demoMicroappsOverASyncedDemoSor() {
    identities = TestIdentities.of(context, port);
    alice = identities.api(identities.token(ALICE, "USER"));
    bob = identities.api(identities.token(BOB, "USER"));
    aliceBrowser = identities.signedIn(ALICE);
    String yaml =
        resource("/integrations/" + INTEGRATION + ".yaml")
            .replace("http://127.0.0.1:8081", sor.base().toString());
    TestWallet.putDemoSorCredentials(wallet, INTEGRATION);
    integrations.save(TenantId.DEFAULT, yaml, INTEGRATION + ".yaml");
    for (String app : List.of("demo-helpdesk", "demo-approvals")) {
      HttpResponse<String> saved =
          identities
              .admin()
              .put(
                  "/api/v1/microapps/" + app.substring(5),
                  "application/yaml",
                  resource("/microapps/" + app + ".yaml"));
      assertThat(saved.statusCode()).as(saved.body()).isIn(200, 201);
    }
    assertThat(sync(SyncMode.FULL).status()).isEqualTo(SyncStatus.SUCCEEDED);
  }

  @AfterAll
  void resetClock() {
    clock.reset();
  }

  @Test
  @Order(7)
  void aCardRaisedOnOneNodeReachesTheUsersStreamOnAnother(@TempDir Path work) throws Exception {
    HikariDataSource database = (HikariDataSource) dataSource;
    int otherPort = ServerProcess.freePort();
    try (ServerProcess other =
        ServerProcess.start(
            MicroworksApplication.class.getName(),
            work.resolve("node-b.log"),
            otherPort,
            List.of(
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + database.getPassword(),
                "--microworks.sync.schedules-enabled=false"))) {
      other.awaitReady(Duration.ofSeconds(90));
      String key =
          sor.all("tickets").stream()
              .filter(t -> !ALICE.equals(t.get("assignee_email").asString()))
              .map(t -> t.get("key").asString())
              .skip(3)
              .findFirst()
              .orElseThrow();
      try (SseClient onNodeB =
          SseClient.withToken(otherPort, "/api/v1/feed/stream", token(alice))) {
        await().atMost(Duration.ofSeconds(10)).until(onNodeB::isOpen);

        sor.assign(key, ALICE);
        assertThat(sync(SyncMode.INCREMENTAL).status()).isEqualTo(SyncStatus.SUCCEEDED);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    onNodeB.events().stream()
                        .anyMatch(e -> e.name().equals("card") && e.data().contains(key)));
      }
    }
  }

  @Test
  @Order(1)
  void aTicketAssignedToAliceInTheSorGivesAliceAndOnlyAliceACard_liveInASecondSession() {
    String key =
        sor.all("tickets").stream()
            .filter(t -> !ALICE.equals(t.get("assignee_email").asString()))
            .filter(t -> !BOB.equals(t.get("reporter_email").asString()))
            .map(t -> t.get("key").asString())
            .findFirst()
            .orElseThrow();
    try (SseClient aliceLive = SseClient.inSession(port, "/api/v1/feed/stream", aliceBrowser);
        SseClient bobLive = SseClient.withToken(port, "/api/v1/feed/stream", token(bob))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> aliceLive.isOpen() && bobLive.isOpen());

      sor.assign(key, ALICE);
      SyncRun run = sync(SyncMode.INCREMENTAL);

      assertThat(run.status()).as(run.error()).isEqualTo(SyncStatus.SUCCEEDED);
      List<JsonNode> cards = cardsAbout(alice, key, "assigned-to-me");
      assertThat(cards).hasSize(1);
      JsonNode card = cards.get(0);
      assertThat(card.get("title").asString()).isEqualTo(key + " is now yours");
      assertThat(card.get("why").get(0).get("factor").asString()).isNotEmpty();
      assertThat(cardsAbout(bob, key, null)).as("bob's feed").isEmpty();
      SseClient.Event live =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      aliceLive.events().stream()
                          .filter(e -> e.name().equals("card") && e.data().contains(key))
                          .findFirst()
                          .orElse(null),
                  java.util.Objects::nonNull);
      System.out.printf(
          "live card %s reached the second session %d ms after the sync run finished%n",
          key, Duration.between(run.finishedAt(), live.arrived()).toMillis());
      assertThat(bobLive.events()).noneMatch(e -> e.data().contains(key));
      // nor anywhere else: pages, search, counts, details, exports
      String pages = "/api/v1/apps/helpdesk/pages/";
      JsonNode bobSearch = ApiClient.json(bob.get(pages + "my-tickets?limit=500&q=" + key));
      assertThat(keys(bobSearch)).as("bob's search").doesNotContain(key);
      assertThat(bobSearch.get("total").asLong())
          .as("bob's count")
          .isEqualTo(keys(bobSearch).size());
      assertThat(bob.get(pages + "my-tickets?limit=500").body()).doesNotContain("\"" + key + "\"");
      assertThat(bob.get(pages + "ticket/records/" + key).statusCode()).isEqualTo(404);
      assertThat(bob.get(pages + "my-tickets/export").body()).doesNotContain(key + ",");
      assertThat(keys(ApiClient.json(alice.get(pages + "my-tickets?limit=500&q=" + key))))
          .as("alice's search")
          .contains(key);
      assertThat(alice.get(pages + "ticket/records/" + key).statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(bob.get("/api/v1/feed/" + card.get("id").asString()))).isNotNull();
      assertThat(bob.get("/api/v1/feed/" + card.get("id").asString()).statusCode())
          .as("another user's card")
          .isEqualTo(404);
    }
  }

  @Test
  @Order(2)
  void redeliveringTheSameRecordsChangedMakesNoSecondCard() {
    String key = cardsOf(alice).get(0).get("record_key").asString();
    RecordsChanged delivered =
        recorded.events.stream()
            .filter(e -> e.changes().stream().anyMatch(c -> c.key().equals(key)))
            .reduce((first, second) -> second)
            .orElseThrow();
    long cardsBefore = cardRows();
    long eventsBefore = eventRows();

    // as the registry redelivers it after a crash: an equal event, deserialized anew
    for (int delivery = 0; delivery < 2; delivery++) {
      RecordsChanged again =
          new RecordsChanged(delivered.table(), delivered.runId(), delivered.changes());
      transactions.executeWithoutResult(status -> publisher.publishEvent(again));
      awaitListeners();
    }

    awaitListeners();
    assertThat(cardRows()).isEqualTo(cardsBefore);
    assertThat(eventRows()).isEqualTo(eventsBefore);
  }

  @Test
  @Order(3)
  void aPtoRequestApprovedInTheSorExpiresTheApproversCardAfterTheNextSync() {
    JsonNode pto =
        sor.all("pto-requests").stream()
            .filter(p -> ALICE.equals(p.get("approver_email").asString()))
            .filter(p -> "pending".equals(p.get("status").asString()))
            .findFirst()
            .orElseThrow();
    String key = pto.get("key").asString();
    List<JsonNode> cards = cardsAbout(alice, key, "pto-to-approve");
    assertThat(cards).as("raised by the first full sync").hasSize(1);
    String cardId = cards.get(0).get("id").asString();
    try (SseClient aliceLive = SseClient.withToken(port, "/api/v1/feed/stream", token(alice))) {
      await().atMost(Duration.ofSeconds(10)).until(aliceLive::isOpen);

      sor.approve("pto-requests", key);
      assertThat(sync(SyncMode.INCREMENTAL).status()).isEqualTo(SyncStatus.SUCCEEDED);

      assertThat(cardsAbout(alice, key, "pto-to-approve")).isEmpty();
      assertThat(ApiClient.json(alice.get("/api/v1/feed/" + cardId)).get("state").asString())
          .isEqualTo("EXPIRED");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  aliceLive.events().stream()
                      .anyMatch(e -> e.name().equals("expired") && e.data().contains(cardId)));
    }
  }

  @Test
  @Order(4)
  void aDryRunListsWhoARuleWouldNotifyWithoutRaisingAnything() {
    long pendingForAlice =
        sor.all("pto-requests").stream()
            .filter(p -> ALICE.equals(p.get("approver_email").asString()))
            .filter(p -> "pending".equals(p.get("status").asString()))
            .count();
    long cards = cardRows();

    HttpResponse<String> answer =
        identities
            .admin()
            .post(
                "/api/v1/microapps/approvals/notifications/pto-to-approve/dry-run",
                "application/json",
                "");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode result = ApiClient.json(answer);
    assertThat(result.get("records_evaluated").asLong()).isEqualTo(sor.all("pto-requests").size());
    JsonNode aliceLine = null;
    for (JsonNode recipient : result.get("recipients")) {
      if (recipient.get("email").asString().equals(ALICE)) {
        aliceLine = recipient;
      }
    }
    assertThat(aliceLine).isNotNull();
    assertThat(aliceLine.get("cards").asLong()).isEqualTo(pendingForAlice);
    assertThat(cardRows()).as("a dry run raises nothing").isEqualTo(cards);
    assertThat(
            alice
                .post(
                    "/api/v1/microapps/approvals/notifications/pto-to-approve/dry-run",
                    "application/json",
                    "")
                .statusCode())
        .as("users may not dry-run rules")
        .isEqualTo(403);
  }

  @Test
  @Order(5)
  void readDoneDismissAndSnoozeChangeTheFeedAndAreRecordedAsInteractions() {
    List<JsonNode> cards = cardsOf(alice);
    assertThat(cards.size()).as("alice has several cards by now").isGreaterThanOrEqualTo(3);
    long unread = ApiClient.json(alice.get("/api/v1/feed/unread")).get("unread").asLong();
    String read = cards.get(0).get("id").asString();
    String dismissed = cards.get(1).get("id").asString();
    String snoozed = cards.get(2).get("id").asString();

    assertThat(alice.post("/api/v1/feed/" + read + "/read", "application/json", "").statusCode())
        .isEqualTo(200);
    assertThat(
            alice
                .post("/api/v1/feed/" + dismissed + "/dismiss", "application/json", "")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> snooze =
        alice.post(
            "/api/v1/feed/" + snoozed + "/snooze",
            "application/json",
            "{\"until\": \"" + clock.instant().plus(Duration.ofDays(1)) + "\"}");
    assertThat(snooze.statusCode()).as(snooze.body()).isEqualTo(200);

    List<String> ids = cardsOf(alice).stream().map(c -> c.get("id").asString()).toList();
    assertThat(ids).contains(read).doesNotContain(dismissed, snoozed);
    assertThat(ApiClient.json(alice.get("/api/v1/feed/unread")).get("unread").asLong())
        .isEqualTo(unread - 3);
    assertThat(
            alice.post("/api/v1/feed/" + dismissed + "/done", "application/json", "").statusCode())
        .as("only active cards change")
        .isEqualTo(409);
    assertThat(
            alice
                .post(
                    "/api/v1/feed/" + read + "/snooze",
                    "application/json",
                    "{\"until\": \"yesterday\"}")
                .body())
        .contains("ISO-8601");
    assertThat(
            jdbc.sql(
                    "SELECT kind FROM interaction WHERE card_id IN (?::uuid, ?::uuid) ORDER BY kind")
                .params(read, dismissed)
                .query(String.class)
                .list())
        .containsExactly("DISMISSED", "OPENED");
  }

  @Test
  @Order(6)
  void aReminderFiresOncePerRecordAndWindow_andAQueryRunsOnSchedule_byTheApplicationClock() {
    JsonNode ticket =
        sor.all("tickets").stream()
            .filter(t -> ALICE.equals(t.get("assignee_email").asString()))
            .filter(t -> "open".equals(t.get("status").asString()))
            .filter(t -> !t.get("due_date").isNull())
            .findFirst()
            .orElseThrow();
    String key = ticket.get("key").asString();
    Instant due =
        LocalDate.parse(ticket.get("due_date").asString()).atStartOfDay(ZoneOffset.UTC).toInstant();
    try {
      clock.set(due.minus(Duration.ofDays(1)).plus(Duration.ofHours(2)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !cardsAbout(alice, key, "due-tomorrow").isEmpty());
      Instant firstRun = lastRun("due-tomorrow");

      clock.advance(Duration.ofMinutes(20));
      await().atMost(Duration.ofSeconds(30)).until(() -> lastRun("due-tomorrow").isAfter(firstRun));
      assertThat(raised("due-tomorrow", key)).as("the same window: once").isEqualTo(1);

      clock.advance(Duration.ofDays(2));
      Instant overdueRun = clock.instant();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  lastRun("due-tomorrow").isAfter(overdueRun)
                      && lastRun("overdue").isAfter(overdueRun));
      assertThat(raised("due-tomorrow", key)).as("past the window: no more").isEqualTo(1);
      assertThat(cardsAbout(alice, key, "overdue")).as("overdue by the moved clock").hasSize(1);

      Instant nextHour = clock.instant().plus(Duration.ofMinutes(61));
      clock.advance(Duration.ofMinutes(61));
      await().atMost(Duration.ofSeconds(30)).until(() -> lastRun("overdue").isAfter(nextHour));
      assertThat(raised("overdue", key)).as("the same record version: once").isEqualTo(1);
    } finally {
      clock.reset();
    }
  }

  @Test
  @Order(8)
  void unsubscribingAUserOrDeletingAMicroappExpiresTheirCards() {
    assertThat(cardsOf(alice)).anyMatch(c -> c.get("microapp").asString().equals("approvals"));
    assertThat(cardsOf(alice)).anyMatch(c -> c.get("microapp").asString().equals("helpdesk"));
    String onlyBob =
        resource("/microapps/demo-approvals.yaml")
            .replace("subscribers:\n  all-users: true", "subscribers:\n  users: [" + BOB + "]");
    assertThat(onlyBob).contains("users: [" + BOB + "]");

    HttpResponse<String> saved =
        identities.admin().put("/api/v1/microapps/approvals", "application/yaml", onlyBob);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    HttpResponse<String> deleted = identities.admin().delete("/api/v1/microapps/helpdesk");
    assertThat(deleted.statusCode()).isEqualTo(204);

    assertThat(cardsOf(alice))
        .noneMatch(c -> c.get("microapp").asString().equals("approvals"))
        .noneMatch(c -> c.get("microapp").asString().equals("helpdesk"));
    assertThat(cardsOf(bob)).anyMatch(c -> c.get("microapp").asString().equals("approvals"));
    assertThat(alice.get("/api/v1/apps").body()).doesNotContain("approvals", "helpdesk");
  }

  private Instant lastRun(String rule) {
    return jdbc.sql("SELECT last_run_at FROM rule_schedule WHERE rule_id = ?")
        .param(rule)
        .query(java.sql.Timestamp.class)
        .optional()
        .map(java.sql.Timestamp::toInstant)
        .orElse(Instant.EPOCH);
  }

  private long raised(String rule, String key) {
    return jdbc.sql("SELECT count(*) FROM notification_event WHERE rule_id = ? AND record_key = ?")
        .params(rule, key)
        .query(Long.class)
        .single();
  }

  private static List<String> keys(JsonNode listPage) {
    List<String> keys = new ArrayList<>();
    listPage.get("rows").forEach(row -> keys.add(row.get("key").asString()));
    return keys;
  }

  private long cardRows() {
    return jdbc.sql("SELECT count(*) FROM card").query(Long.class).single();
  }

  private long eventRows() {
    return jdbc.sql("SELECT count(*) FROM notification_event").query(Long.class).single();
  }

  private static String token(ApiClient client) {
    return client
        .request("/")
        .build()
        .headers()
        .firstValue("Authorization")
        .orElseThrow()
        .substring(7);
  }

  /** Every card in the user's feed, following the cursors. */
  static List<JsonNode> cardsOf(ApiClient user) {
    List<JsonNode> cards = new ArrayList<>();
    String cursor = "";
    do {
      HttpResponse<String> page = user.get("/api/v1/feed?limit=100&cursor=" + cursor);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode body = ApiClient.json(page);
      body.get("cards").forEach(cards::add);
      cursor = body.get("next").isNull() ? null : body.get("next").asString();
    } while (cursor != null);
    return cards;
  }

  static List<JsonNode> cardsAbout(ApiClient user, String recordKey, String rule) {
    return cardsOf(user).stream()
        .filter(c -> recordKey.equals(c.get("record_key").asString()))
        .filter(c -> rule == null || rule.equals(c.get("rule").asString()))
        .toList();
  }

  private SyncRun sync(SyncMode mode) {
    SyncRun queued = synchronizations.syncNow(TenantId.DEFAULT, INTEGRATION, mode);
    SyncRun run =
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> synchronizations.run(TenantId.DEFAULT, queued.id()).orElseThrow(),
                r -> r.status() == SyncStatus.SUCCEEDED || r.status() == SyncStatus.FAILED);
    awaitListeners();
    return run;
  }

  /** The rule engine runs after the sync's commit: waits until it has handled every change. */
  private void awaitListeners() {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                          .query(Long.class)
                          .single()
                      == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "incomplete event publications: "
              + jdbc.sql(
                      "SELECT listener_id || ' ' || coalesce(status, '?') || ' attempts '"
                          + " || coalesce(completion_attempts, 0) FROM event_publication"
                          + " WHERE completion_date IS NULL")
                  .query(String.class)
                  .list(),
          e);
    }
  }

  static String resource(String path) {
    try (InputStream in = NotificationIntegrationTests.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
