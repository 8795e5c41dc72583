package dev.microworks.cache;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data cache. See the package documentation for its guarantees. */
public interface DataCache {

  /**
   * Starts a full sync of a table: loads the table's content hashes (keys and 32-byte hashes only)
   * so pages can be compared without touching the database.
   */
  FullSync beginFullSync(TableRef table, UUID runId);

  /**
   * Applies one page of an incremental sync: writes the records whose content changed and publishes
   * {@link RecordsChanged} for them, in the caller's transaction (or its own).
   */
  ChangeCounts applyIncremental(TableRef table, UUID runId, List<IncomingRecord> records);

  /** One page of a table's records, ordered by key. */
  List<CachedRecord> browse(TableRef table, int offset, int limit);

  /** The number of records in a table. */
  long count(TableRef table);

  /**
   * Removes the table's records the SoR last changed before {@code cutoff} (records without a SoR
   * timestamp: last synced before it), announcing them as deleted.
   *
   * @return how many were removed
   */
  long purgeOlderThan(TableRef table, Instant cutoff);

  /**
   * Removes staged rows older than {@code cutoff}: left behind by full syncs whose server died
   * (rows of a sync that is still running are younger).
   *
   * @return how many were removed
   */
  long purgeAbandonedStaging(Instant cutoff);

  /** Removes every record of an integration (when it is deleted); announces nothing. */
  long dropIntegration(dev.microworks.tenant.TenantId tenant, String integration);

  /** A full sync in progress. Not thread-safe: one sync feeds it page by page. */
  interface FullSync extends AutoCloseable {

    /** Compares a page with the cache and stages what differs; visible to nobody yet. */
    ChangeCounts stage(List<IncomingRecord> page);

    /**
     * Applies the staged changes and deletes the records not seen, in one transaction that also
     * publishes the {@link RecordsChanged} events.
     *
     * @return the counts of the whole sync
     */
    ChangeCounts commit();

    /** Discards the staged changes (if not committed); the cache stays as it was. */
    @Override
    void close();
  }
}
