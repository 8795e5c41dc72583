package dev.microworks.sync.internal;

import dev.microworks.cache.ChangeCounts;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.TableRef;
import dev.microworks.integration.IntegrationReader;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.MappedPage;
import dev.microworks.integration.MappedRecord;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.RetentionSpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.sync.SyncMode;
import dev.microworks.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one sync of one integration.
 *
 * <p>Full: every listed table (with its sub-lists) is read and written in one database transaction,
 * committed only when every page of every table arrived. Any failure before that rolls it back: the
 * cache stays exactly as it was.
 *
 * <p>Incremental: each page is applied with its checkpoint in one transaction; an interrupted read
 * resumes after its last committed page. Tables without an incremental request are skipped.
 */
@Component
class SyncEngine {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncEngine.class);
  private static final int READ_AHEAD_PAGES = 2;

  private final IntegrationReader reader;
  private final Integrations integrations;
  private final DataCache cache;
  private final SyncCheckpoints checkpoints;
  private final TransactionTemplate transactions;
  private final Clock clock;

  SyncEngine(
      IntegrationReader reader,
      Integrations integrations,
      DataCache cache,
      SyncCheckpoints checkpoints,
      PlatformTransactionManager transactionManager,
      Optional<Clock> clock) {
    this.reader = reader;
    this.integrations = integrations;
    this.cache = cache;
    this.checkpoints = checkpoints;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock.orElse(Clock.systemUTC());
  }

  void run(TenantId tenant, IntegrationSpec spec, SyncMode mode, UUID runId, RunTally tally) {
    Instant started = clock.instant();
    if (mode == SyncMode.FULL) {
      full(tenant, spec, runId, tally, started);
    } else {
      incremental(tenant, spec, runId, tally, started);
    }
  }

  private void full(
      TenantId tenant, IntegrationSpec spec, UUID runId, RunTally tally, Instant started) {
    // one transaction for the whole sync, every table: all or nothing
    transactions.executeWithoutResult(
        status -> {
          Map<String, DataCache.FullSync> syncs = new LinkedHashMap<>();
          try {
            for (TableSpec table : listedTables(spec)) {
              for (String name : tableAndSubLists(spec, table)) {
                syncs.put(name, cache.beginFullSync(new TableRef(tenant, spec.id(), name), runId));
              }
              // the next pages are fetched while this thread writes the current one
              ReadAhead.<MappedPage>run(
                  pages -> reader.read(spec, table, Optional.empty(), Optional.empty(), pages),
                  page -> {
                    tally.page(page.rows().get(table.name()).size(), page.skipped());
                    page.rows()
                        .forEach((name, rows) -> tally.add(syncs.get(name).stage(incoming(rows))));
                  },
                  READ_AHEAD_PAGES,
                  "sync-read-" + spec.id());
            }
            // created/updated/unchanged were counted page by page; commit adds deletions
            syncs.forEach(
                (name, sync) -> {
                  boolean replace =
                      spec.table(name).orElseThrow().retention()
                          instanceof RetentionSpec.ReplaceOnFullSync;
                  tally.add(new ChangeCounts(0, 0, sync.commit(replace).deleted(), 0));
                });
            syncs.keySet().forEach(name -> checkpoints.completed(tenant, spec.id(), name, started));
            requireIntegration(tenant, spec);
          } finally {
            syncs.values().forEach(DataCache.FullSync::close);
          }
        });
  }

  private void incremental(
      TenantId tenant, IntegrationSpec spec, UUID runId, RunTally tally, Instant started) {
    for (TableSpec table : listedTables(spec)) {
      if (table.list().orElseThrow().incremental().isEmpty()) {
        continue;
      }
      Optional<SyncCheckpoints.Resume> resume = checkpoints.resume(tenant, spec.id(), table.name());
      Optional<Instant> since =
          resume
              .map(SyncCheckpoints.Resume::since)
              .or(() -> checkpoints.lastSync(tenant, spec.id(), table.name()));
      if (since.isEmpty()) {
        // never synced: an incremental read has nothing to be relative to
        continue;
      }
      reader.read(
          spec,
          table,
          since,
          resume.map(SyncCheckpoints.Resume::checkpoint),
          page -> applyPage(tenant, spec, table, runId, since.get(), page, tally));
      transactions.executeWithoutResult(
          status ->
              tableAndSubLists(spec, table)
                  .forEach(name -> checkpoints.completed(tenant, spec.id(), name, started)));
    }
  }

  private void applyPage(
      TenantId tenant,
      IntegrationSpec spec,
      TableSpec table,
      UUID runId,
      Instant since,
      MappedPage page,
      RunTally tally) {
    ChangeCounts committed =
        transactions.execute(
            status -> {
              ChangeCounts counts = ChangeCounts.NONE;
              for (Map.Entry<String, List<MappedRecord>> rows : page.rows().entrySet()) {
                counts =
                    counts.plus(
                        cache.applyIncremental(
                            new TableRef(tenant, spec.id(), rows.getKey()),
                            runId,
                            incoming(rows.getValue())));
              }
              checkpoints.pageCommitted(tenant, spec.id(), table.name(), since, page.checkpoint());
              requireIntegration(tenant, spec);
              return counts;
            });
    // counted once committed: a failed page must not show in the run's figures
    tally.page(page.rows().get(table.name()).size(), page.skipped());
    tally.add(committed);
  }

  /**
   * Tables with their own listing. Tables listed once per parent row are not synced yet: they are
   * left out (with a warning) rather than failing the whole, all-or-nothing, sync.
   */
  /**
   * Fails the transaction if the integration was deleted meanwhile, and otherwise share-locks its
   * row so a delete waits for this commit: no cache row outlives its integration.
   */
  private void requireIntegration(TenantId tenant, IntegrationSpec spec) {
    if (!integrations.existsLocked(tenant, spec.id())) {
      throw new IllegalStateException(
          "integration " + spec.id() + " was deleted during the sync; nothing of it was kept");
    }
  }

  private static List<TableSpec> listedTables(IntegrationSpec spec) {
    return spec.tables().stream()
        .filter(table -> table.merge() != MergeStrategy.SUB_LIST && table.list().isPresent())
        .filter(
            table -> {
              if (table.parentTable().isPresent()) {
                log.warn(
                    "Table {} of {} is listed once per row of {}; syncs cannot read that yet and"
                        + " skip it",
                    table.name(),
                    spec.id(),
                    table.parentTable().get());
                return false;
              }
              return true;
            })
        .toList();
  }

  private static List<String> tableAndSubLists(IntegrationSpec spec, TableSpec table) {
    List<String> names = new ArrayList<>();
    names.add(table.name());
    spec.tables().stream()
        .filter(t -> t.merge() == MergeStrategy.SUB_LIST)
        .filter(t -> t.parentTable().filter(table.name()::equals).isPresent())
        .forEach(t -> names.add(t.name()));
    return names;
  }

  private static List<IncomingRecord> incoming(List<MappedRecord> rows) {
    List<IncomingRecord> records = new ArrayList<>(rows.size());
    for (MappedRecord row : rows) {
      records.add(new IncomingRecord(row.key(), row.payload(), row.updatedAt(), row.lookups()));
    }
    return records;
  }
}
