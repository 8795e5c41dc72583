package dev.microworks.cache.internal;

import dev.microworks.cache.ChangeCounts;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.RecordChange;
import dev.microworks.cache.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A full sync: pages are compared with the hashes loaded at the start; what differs is COPYed to
 * {@code cache_staging}; {@link #commit()} applies it and deletes what was not seen, in one
 * transaction.
 */
final class JdbcFullSync implements DataCache.FullSync {

  static final int BATCH = 1000;

  /** Marks a key as seen in this sync (identity-compared; never a real hash). */
  private static final byte[] SEEN = new byte[0];

  private static final String STAGED_BATCH =
      """
      SELECT record_key, content_hash, payload, sor_updated_at FROM cache_staging
       WHERE staging_id = :staging AND record_key > :after ORDER BY record_key LIMIT %d
      """
          .formatted(BATCH);

  private final TableRef table;
  private final UUID runId;

  /** Identifies this table's rows in {@code cache_staging} (a run stages several tables). */
  private final UUID stagingId = UUID.randomUUID();

  private final Map<String, byte[]> hashes;
  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final CacheWrites writes;
  private final TransactionTemplate transactions;
  private long created;
  private long updated;
  private long unchanged;
  private boolean finished;

  JdbcFullSync(
      TableRef table,
      UUID runId,
      Map<String, byte[]> hashes,
      DataSource dataSource,
      JdbcClient jdbc,
      CacheWrites writes,
      TransactionTemplate transactions) {
    this.table = table;
    this.runId = runId;
    this.hashes = hashes;
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.writes = writes;
    this.transactions = transactions;
  }

  @Override
  public ChangeCounts stage(List<IncomingRecord> page) {
    if (finished) {
      throw new IllegalStateException("full sync of " + table + " already finished");
    }
    List<StagingCopy.Row> rows = new ArrayList<>();
    long pageCreated = 0;
    long pageUpdated = 0;
    long pageUnchanged = 0;
    for (IncomingRecord record : page) {
      byte[] hash = ContentHash.of(record.payload());
      byte[] cached = hashes.put(record.key(), SEEN);
      if (cached == SEEN) {
        // the SoR listed this key twice (pages shifted under us): the first copy stays
        continue;
      }
      if (cached == null) {
        pageCreated++;
        rows.add(new StagingCopy.Row(record, hash));
      } else if (Arrays.equals(cached, hash)) {
        pageUnchanged++;
      } else {
        pageUpdated++;
        rows.add(new StagingCopy.Row(record, hash));
      }
    }
    StagingCopy.copy(dataSource, stagingId, rows);
    created += pageCreated;
    updated += pageUpdated;
    unchanged += pageUnchanged;
    return new ChangeCounts(pageCreated, pageUpdated, 0, pageUnchanged);
  }

  @Override
  public ChangeCounts commit() {
    if (finished) {
      throw new IllegalStateException("full sync of " + table + " already finished");
    }
    List<String> unseen = new ArrayList<>();
    hashes.forEach(
        (key, hash) -> {
          if (hash != SEEN) {
            unseen.add(key);
          }
        });
    hashes.clear();
    long deleted =
        transactions.execute(
            status -> {
              long removed = 0;
              for (int from = 0; from < unseen.size(); from += BATCH) {
                removed +=
                    writes
                        .delete(
                            table,
                            runId,
                            unseen.subList(from, Math.min(unseen.size(), from + BATCH)))
                        .size();
              }
              String after = "";
              while (true) {
                List<RecordChange> batch =
                    writes.upsert(
                        table, runId, STAGED_BATCH, Map.of("after", after, "staging", stagingId));
                if (batch.isEmpty()) {
                  break;
                }
                after = batch.get(batch.size() - 1).key();
              }
              discardStaging();
              return removed;
            });
    finished = true;
    return new ChangeCounts(created, updated, deleted, unchanged);
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      hashes.clear();
      discardStaging();
    }
  }

  private void discardStaging() {
    jdbc.sql("DELETE FROM cache_staging WHERE staging_id = ?").param(stagingId).update();
  }
}
