package dev.microworks.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.integration.Integrations;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.TestWallet;
import dev.microworks.wallet.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncs against the demo system of record (a real process, real HTTP, real OAuth 2.0) into a real
 * PostgreSQL; one subclass per database.
 */
@SpringBootTest(
    properties = {"db-scheduler.polling-interval=200ms", "microworks.sync.schedules-enabled=false"})
abstract class SyncIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> STYLES = List.of("offset", "page", "cursor", "link");

  @Autowired Integrations integrations;
  @Autowired Synchronizations synchronizations;
  @Autowired DataCache cache;
  @Autowired Wallet wallet;
  @Autowired dev.microworks.sync.internal.RetentionJob retention;

  final DemoSor sor = DemoSor.shared();

  @AfterEach
  void disarm() {
    sor.disarm();
  }

  @ParameterizedTest
  @ValueSource(strings = {"offset", "page", "cursor", "link"})
  void eachPaginationStyleSyncsFullAndIncrementallyToExactlyTheSorsRecords(String style) {
    String id = save(style);

    SyncRun full = syncAndWait(id, SyncMode.FULL);
    assertThat(full.status()).as(full.error()).isEqualTo(SyncStatus.SUCCEEDED);
    assertCacheEqualsSor(id);

    List<String> changedTickets = sor.mutate("tickets", 15);
    sor.mutate("pto-requests", 5);
    SyncRun incremental = syncAndWait(id, SyncMode.INCREMENTAL);
    assertThat(incremental.status()).as(incremental.error()).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(incremental.updated()).isGreaterThanOrEqualTo(20);
    assertThat(incremental.recordsRead()).isLessThan(full.recordsRead());
    assertCacheEqualsSor(id);
    assertThat(changedTickets).isNotEmpty();

    SyncRun again = syncAndWait(id, SyncMode.FULL);
    assertThat(again.status()).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(again.created() + again.updated() + again.deleted()).isZero();
    assertThat(again.unchanged()).isEqualTo(again.recordsRead() + comments(id));
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOut() {
    String id = save("offset");
    sor.arm("{\"kind\":\"RATE_LIMIT\",\"count\":2,\"retry_after_seconds\":1}");

    SyncRun run = syncAndWait(id, SyncMode.FULL);

    assertThat(run.status()).as(run.error()).isEqualTo(SyncStatus.SUCCEEDED);
    assertCacheEqualsSor(id);
  }

  @Test
  void persistentServerErrorsFailTheRunAndLeaveTheCacheUnchanged() {
    String id = save("offset");
    assertThat(syncAndWait(id, SyncMode.FULL).status()).isEqualTo(SyncStatus.SUCCEEDED);
    Map<String, List<CachedRecord>> before = snapshot(id);
    sor.mutate("tickets", 10);
    sor.arm("{\"kind\":\"SERVER_ERROR\",\"count\":1000}");

    SyncRun run = syncAndWait(id, SyncMode.FULL);

    assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(run.error()).contains("500").contains("/api/offset/tickets");
    assertThat(run.created() + run.updated() + run.deleted()).isZero();
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void malformedJsonOnPageThreeFailsTheFullSyncAndLeavesTheCacheUnchanged() {
    String id = save("offset");
    assertThat(syncAndWait(id, SyncMode.FULL).status()).isEqualTo(SyncStatus.SUCCEEDED);
    Map<String, List<CachedRecord>> before = snapshot(id);
    sor.mutate("tickets", 30);
    sor.arm("{\"kind\":\"MALFORMED_JSON\",\"count\":1,\"after\":2}");

    SyncRun run = syncAndWait(id, SyncMode.FULL);

    assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(run.error()).containsIgnoringCase("malformed").contains("page 3");
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void theRetentionJobRemovesRecordsOlderThanTheirTablesRetention() {
    String yaml =
        example("offset")
            .replace("http://127.0.0.1:8081", sor.base().toString())
            .replace("retention: P365D", "retention: P20D");
    TestWallet.putDemoSorCredentials(wallet, "demo-sor-offset");
    String id = integrations.save(TenantId.DEFAULT, yaml, "retention.yaml").id();
    assertThat(syncAndWait(id, SyncMode.FULL).status()).isEqualTo(SyncStatus.SUCCEEDED);
    Instant cutoff = Instant.now().minus(Duration.ofDays(20));
    long recent =
        sor.all("expenses").stream()
            .filter(e -> Instant.parse(e.get("updated_at").asString()).isAfter(cutoff))
            .count();
    long before = cache.count(new TableRef(TenantId.DEFAULT, id, "expenses"));
    assertThat(recent).as("the demo data spans 60 days").isLessThan(before);

    retention.purge();

    assertThat(cache.count(new TableRef(TenantId.DEFAULT, id, "expenses"))).isEqualTo(recent);
    assertThat(cache.count(new TableRef(TenantId.DEFAULT, id, "tickets")))
        .as("replace-on-full-sync tables are left to full syncs")
        .isEqualTo(sor.all("tickets").size());
  }

  private String save(String style) {
    String yaml = example(style).replace("http://127.0.0.1:8081", sor.base().toString());
    TestWallet.putDemoSorCredentials(wallet, "demo-sor-" + style);
    return integrations.save(TenantId.DEFAULT, yaml, "demo-sor-" + style + ".yaml").id();
  }

  private SyncRun syncAndWait(String id, SyncMode mode) {
    SyncRun queued = synchronizations.syncNow(TenantId.DEFAULT, id, mode);
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> synchronizations.run(TenantId.DEFAULT, queued.id()).orElseThrow(),
            run -> run.status() == SyncStatus.SUCCEEDED || run.status() == SyncStatus.FAILED);
  }

  private void assertCacheEqualsSor(String id) {
    assertTableEquals(id, "tickets", "tickets", "status", "assignee_email", "updated_at", "title");
    assertTableEquals(id, "pto_requests", "pto-requests", "status", "approver_email", "updated_at");
    assertTableEquals(id, "expenses", "expenses", "status", "amount", "updated_at");
    long sorComments = sor.all("tickets").stream().mapToLong(t -> t.get("comments").size()).sum();
    assertThat(comments(id)).isEqualTo(sorComments);
    assertLookupFindsExactlyTheAssigneesTickets(id);
  }

  /** The blind index of a lookup column finds exactly the records with that value. */
  private void assertLookupFindsExactlyTheAssigneesTickets(String id) {
    List<JsonNode> tickets = sor.all("tickets");
    String email = tickets.get(tickets.size() / 2).get("assignee_email").asString();
    List<String> expected =
        tickets.stream()
            .filter(t -> email.equalsIgnoreCase(t.get("assignee_email").asString()))
            .map(t -> t.get("key").asString())
            .sorted()
            .toList();
    assertThat(
            cache.lookup(
                new TableRef(TenantId.DEFAULT, id, "tickets"),
                "assignee_email",
                " " + email.toUpperCase(java.util.Locale.ROOT),
                100_000))
        .extracting(CachedRecord::key)
        .as("tickets assigned to " + email)
        .isNotEmpty()
        .containsExactlyElementsOf(expected);
  }

  private long comments(String id) {
    return cache.count(new TableRef(TenantId.DEFAULT, id, "ticket_comments"));
  }

  private void assertTableEquals(String id, String table, String collection, String... fields) {
    Map<String, JsonNode> inSor = new HashMap<>();
    sor.all(collection).forEach(record -> inSor.put(record.get("key").asString(), record));
    List<CachedRecord> cached =
        cache.browse(new TableRef(TenantId.DEFAULT, id, table), 0, 1_000_000);

    assertThat(cached).as(table + " count").hasSize(inSor.size());
    for (CachedRecord record : cached) {
      JsonNode payload = JSON.readTree(record.payload());
      JsonNode source = inSor.get(record.key());
      assertThat(source).as(table + " " + record.key() + " exists in the SoR").isNotNull();
      for (String field : fields) {
        String described = table + " " + record.key() + "." + field;
        if (payload.get(field).isNumber()) {
          // a decimal column: the SoR's "279.30" is stored as the number 279.30, scale kept
          assertThat(record.payload()).as(described).contains(source.get(field).asString());
          assertThat(payload.get(field).decimalValue())
              .as(described)
              .isEqualByComparingTo(source.get(field).asString());
        } else {
          assertThat(payload.get(field).asString())
              .as(described)
              .isEqualTo(source.get(field).asString());
        }
      }
    }
  }

  private Map<String, List<CachedRecord>> snapshot(String id) {
    Map<String, List<CachedRecord>> tables = new HashMap<>();
    for (String table : List.of("tickets", "ticket_comments", "pto_requests", "expenses")) {
      tables.put(table, cache.browse(new TableRef(TenantId.DEFAULT, id, table), 0, 1_000_000));
    }
    return tables;
  }

  private static String example(String style) {
    try (InputStream in =
        SyncIntegrationTests.class.getResourceAsStream(
            "/integrations/demo-sor-" + style + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
