package dev.microworks.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** The data cache on a real PostgreSQL; one subclass per database. */
@SpringBootTest(properties = "microworks.sync.schedules-enabled=false")
@Import(DataCacheIntegrationTests.Announcements.class)
abstract class DataCacheIntegrationTests {

  @Autowired DataCache cache;
  @Autowired JdbcClient jdbc;
  @Autowired Announcements announced;
  @Autowired PlatformTransactionManager transactionManager;

  TableRef table;

  @BeforeEach
  void freshTable() {
    table = new TableRef(TenantId.DEFAULT, "it-" + UUID.randomUUID(), "tickets");
    announced.events().clear();
  }

  @Test
  void aFullSyncCreatesEveryRecordAndAnnouncesEachOnce() {
    ChangeCounts counts =
        fullSync(record("HD-1", "open"), record("HD-2", "open"), record("HD-3", "new"));

    assertThat(counts).isEqualTo(new ChangeCounts(3, 0, 0, 0));
    assertThat(cache.browse(table, 0, 10))
        .extracting(CachedRecord::key)
        .containsExactly("HD-1", "HD-2", "HD-3");
    assertThat(changes())
        .extracting(RecordChange::type)
        .containsOnly(ChangeType.CREATED)
        .hasSize(3);
    assertThat(changes()).allSatisfy(change -> assertThat(change.before()).isNull());
  }

  @Test
  void tablesStagedInOneRunGetOnlyTheirOwnRows() {
    UUID run = UUID.randomUUID();
    TableRef comments = new TableRef(table.tenant(), table.integration(), "comments");
    inTransaction(
        () -> {
          try (DataCache.FullSync tickets = cache.beginFullSync(table, run);
              DataCache.FullSync notes = cache.beginFullSync(comments, run)) {
            tickets.stage(List.of(record("HD-1", "open"), record("HD-2", "open")));
            notes.stage(List.of(record("C-1", "text")));
            tickets.commit(true);
            notes.commit(true);
          }
        });

    assertThat(cache.browse(table, 0, 10))
        .extracting(CachedRecord::key)
        .containsExactly("HD-1", "HD-2");
    assertThat(cache.browse(comments, 0, 10)).extracting(CachedRecord::key).containsExactly("C-1");
  }

  @Test
  void unchangedRecordsCauseNoRowWrite() {
    fullSync(record("HD-1", "open"), record("HD-2", "open"));
    Map<String, Object> rowVersions = rowVersions();
    announced.events().clear();

    ChangeCounts again = fullSync(record("HD-1", "open"), record("HD-2", "open"));

    assertThat(again).isEqualTo(new ChangeCounts(0, 0, 0, 2));
    assertThat(rowVersions()).as("xmin of every row").isEqualTo(rowVersions);
    assertThat(announced.events()).isEmpty();
  }

  @Test
  void aFullSyncDeletesWhatItDidNotSeeAndNothingIsVisibleBeforeItsTransactionCommits() {
    fullSync(record("HD-1", "open"), record("HD-2", "open"), record("HD-3", "open"));
    announced.events().clear();

    inTransaction(
        () -> {
          try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
            sync.stage(List.of(record("HD-1", "open"), record("HD-3", "closed")));
            assertThat(sync.commit(true)).isEqualTo(new ChangeCounts(0, 1, 1, 1));
            // another transaction still sees the cache as it was
            List<CachedRecord> outside = fromAnotherTransaction(() -> cache.browse(table, 0, 10));
            assertThat(outside)
                .extracting(CachedRecord::key)
                .containsExactly("HD-1", "HD-2", "HD-3");
            assertThat(outside.get(2).payload()).contains("\"open\"");
          }
        });
    assertThat(cache.browse(table, 0, 10))
        .extracting(CachedRecord::key)
        .containsExactly("HD-1", "HD-3");
    assertThat(payloadOf("HD-3")).contains("\"closed\"");
    assertThat(changes())
        .extracting(RecordChange::key, RecordChange::type)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("HD-2", ChangeType.DELETED),
            org.assertj.core.groups.Tuple.tuple("HD-3", ChangeType.UPDATED));
    RecordChange update =
        changes().stream().filter(c -> c.key().equals("HD-3")).findFirst().orElseThrow();
    assertThat(update.before()).contains("\"open\"");
    assertThat(update.after()).contains("\"closed\"");
  }

  @Test
  void aFullSyncOfATableKeptByRetentionDeletesNothingItDidNotSee() {
    fullSync(record("HD-1", "open"), record("HD-2", "open"));

    ChangeCounts counts =
        new TransactionTemplate(transactionManager)
            .execute(
                status -> {
                  try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
                    sync.stage(List.of(record("HD-1", "open")));
                    return sync.commit(false);
                  }
                });

    assertThat(counts).isEqualTo(new ChangeCounts(0, 0, 0, 1));
    assertThat(cache.browse(table, 0, 10))
        .extracting(CachedRecord::key)
        .containsExactly("HD-1", "HD-2");
  }

  @Test
  void aFullSyncWhoseTransactionRollsBackLeavesTheCacheExactlyAsItWas() {
    fullSync(record("HD-1", "open"), record("HD-2", "open"));
    List<CachedRecord> before = cache.browse(table, 0, 10);
    announced.events().clear();

    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            status -> {
              try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
                sync.stage(List.of(record("HD-1", "closed"), record("HD-9", "new")));
                // the page after this one failed: the sync's transaction rolls back
                status.setRollbackOnly();
              }
            });

    assertThat(cache.browse(table, 0, 10)).isEqualTo(before);
    assertThat(announced.events()).isEmpty();
  }

  @Test
  void aFullSyncRefusesToRunOutsideATransaction() {
    try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> sync.stage(List.of(record("HD-1", "open"))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside one transaction");
    }
    assertThat(cache.count(table)).isZero();
  }

  @Test
  void anIncrementalPageWritesOnlyWhatChangedAndGivesFreshVersions() {
    fullSync(record("HD-1", "open"), record("HD-2", "open"));
    long oldVersion = cache.browse(table, 0, 1).get(0).version();
    announced.events().clear();

    ChangeCounts counts =
        cache.applyIncremental(
            table,
            UUID.randomUUID(),
            List.of(record("HD-1", "resolved"), record("HD-2", "open"), record("HD-3", "new")));

    assertThat(counts).isEqualTo(new ChangeCounts(1, 1, 0, 1));
    assertThat(changes()).extracting(RecordChange::key).containsExactly("HD-1", "HD-3");
    RecordChange update = changes().get(0);
    assertThat(update.before()).contains("\"open\"");
    assertThat(update.after()).contains("\"resolved\"");
    assertThat(update.version()).isGreaterThan(oldVersion);
  }

  @Test
  void keysAndValuesWithQuotesTabsAndBackslashesSurviveTheRoundTrip() {
    String key = "we\"ird\\key\twith tab, comma {brace} ünï";
    // written the way PostgreSQL prints jsonb, so the text compares equal
    String payload = "{\"text\": \"line\\nbreak \\\"quoted\\\" back\\\\slash\\t\"}";
    fullSync(new IncomingRecord(key, payload, Instant.parse("2026-01-02T03:04:05Z")));
    cache.applyIncremental(
        table, UUID.randomUUID(), List.of(new IncomingRecord(key, payload, null)));

    CachedRecord stored = cache.browse(table, 0, 1).get(0);
    assertThat(stored.key()).isEqualTo(key);
    assertThat(stored.payload()).isEqualTo(payload);
    assertThat(stored.sorUpdatedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(announced.events()).hasSize(1);
  }

  @Test
  void purgeRemovesRecordsOlderThanTheCutoffAndAnnouncesThem() {
    fullSync(
        new IncomingRecord("OLD-1", "{\"a\":1}", Instant.parse("2020-01-01T00:00:00Z")),
        new IncomingRecord("NEW-1", "{\"a\":2}", Instant.parse("2026-01-01T00:00:00Z")));
    announced.events().clear();

    assertThat(cache.purgeOlderThan(table, Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo(1);

    assertThat(cache.browse(table, 0, 10)).extracting(CachedRecord::key).containsExactly("NEW-1");
    assertThat(changes())
        .extracting(RecordChange::key, RecordChange::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("OLD-1", ChangeType.DELETED));
  }

  private ChangeCounts fullSync(IncomingRecord... records) {
    return new TransactionTemplate(transactionManager)
        .execute(
            status -> {
              try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
                sync.stage(List.of(records));
                return sync.commit(true);
              }
            });
  }

  private void inTransaction(Runnable work) {
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
  }

  private <T> T fromAnotherTransaction(java.util.function.Supplier<T> read) {
    TransactionTemplate separate = new TransactionTemplate(transactionManager);
    separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return separate.execute(status -> read.get());
  }

  private static IncomingRecord record(String key, String status) {
    return new IncomingRecord(
        key,
        "{\"key\":\"" + key + "\",\"status\":\"" + status + "\"}",
        Instant.parse("2026-11-01T10:00:00Z"));
  }

  private List<RecordChange> changes() {
    return announced.events().stream()
        .filter(event -> event.table().equals(table))
        .flatMap(event -> event.changes().stream())
        .toList();
  }

  private String payloadOf(String key) {
    return cache.browse(table, 0, 100).stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .orElseThrow()
        .payload();
  }

  private Map<String, Object> rowVersions() {
    return jdbc
        .sql("SELECT record_key, xmin::text AS xmin FROM cache_record WHERE integration_id = ?")
        .param(table.integration())
        .query()
        .listOfRows()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                r -> (String) r.get("record_key"), r -> r.get("xmin")));
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Announcements {
    private final List<RecordsChanged> events = new CopyOnWriteArrayList<>();

    /** Accessed through a method: the listener bean may be a proxy. */
    List<RecordsChanged> events() {
      return events;
    }

    @TransactionalEventListener
    void on(RecordsChanged event) {
      events.add(event);
    }
  }
}
