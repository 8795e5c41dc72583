package dev.microworks.cache.internal;

import dev.microworks.cache.ChangeCounts;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A full sync: each page is compared with the hashes loaded at the start and what differs is
 * written at once (new records with COPY, changed ones by upsert) — inside the caller's
 * transaction, so nothing is visible (and everything is undone on failure) until the caller
 * commits. {@link #commit(boolean)} may delete what was not seen.
 */
final class JdbcFullSync implements DataCache.FullSync {

  static final int BATCH = 1000;
  private static final long STATISTICS_THRESHOLD = 10_000;

  /** Marks a key as seen in this sync (identity-compared; never a real hash). */
  private static final byte[] SEEN = new byte[0];

  private final TableRef table;
  private final UUID runId;
  private final Map<String, byte[]> hashes;
  private final CacheWrites writes;
  private final PayloadCodec codec;
  private long created;
  private long updated;
  private long unchanged;
  private boolean finished;

  JdbcFullSync(
      TableRef table,
      UUID runId,
      Map<String, byte[]> hashes,
      CacheWrites writes,
      PayloadCodec codec) {
    this.table = table;
    this.runId = runId;
    this.hashes = hashes;
    this.writes = writes;
    this.codec = codec;
  }

  @Override
  public ChangeCounts stage(List<IncomingRecord> page) {
    requireOpenTransaction();
    List<CacheWrites.Changed> fresh = new ArrayList<>();
    List<CacheWrites.Changed> changed = new ArrayList<>();
    long pageCreated = 0;
    long pageUpdated = 0;
    long pageUnchanged = 0;
    for (IncomingRecord record : page) {
      byte[] hash = codec.hash(table, record.payload());
      byte[] cached = hashes.put(record.key(), SEEN);
      if (cached == SEEN) {
        // the SoR listed this key twice (pages shifted under us): the first copy stays
        continue;
      }
      if (cached == null) {
        pageCreated++;
        fresh.add(new CacheWrites.Changed(record, hash));
      } else if (Arrays.equals(cached, hash)) {
        pageUnchanged++;
      } else {
        pageUpdated++;
        changed.add(new CacheWrites.Changed(record, hash));
      }
    }
    writes.insertNew(table, runId, fresh);
    writes.upsert(table, runId, changed);
    created += pageCreated;
    updated += pageUpdated;
    unchanged += pageUnchanged;
    return new ChangeCounts(pageCreated, pageUpdated, 0, pageUnchanged);
  }

  @Override
  public ChangeCounts commit(boolean removeUnseen) {
    requireOpenTransaction();
    List<String> unseen = new ArrayList<>();
    if (removeUnseen) {
      hashes.forEach(
          (key, hash) -> {
            if (hash != SEEN) {
              unseen.add(key);
            }
          });
    }
    hashes.clear();
    long deleted = 0;
    for (int from = 0; from < unseen.size(); from += BATCH) {
      deleted +=
          writes
              .delete(table, runId, unseen.subList(from, Math.min(unseen.size(), from + BATCH)))
              .size();
    }
    finished = true;
    if (created + updated + deleted > STATISTICS_THRESHOLD) {
      // fresh planner statistics after a big change (the sync's own transaction sees its rows)
      writes.analyze();
    }
    return new ChangeCounts(created, updated, deleted, unchanged);
  }

  private void requireOpenTransaction() {
    if (finished) {
      throw new IllegalStateException("full sync of " + table + " already finished");
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "a full sync of "
              + table
              + " must run inside one transaction: its atomicity is the"
              + " transaction's");
    }
  }

  @Override
  public void close() {
    finished = true;
    hashes.clear();
  }
}
