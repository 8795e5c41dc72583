package dev.microworks.cache;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data cache. See the package documentation for its guarantees. */
public interface DataCache {

  /**
   * Starts a full sync of a table: loads the table's content hashes (keys and 32-byte hashes only,
   * about 100 bytes a record in memory) so pages can be compared without touching the database.
   */
  FullSync beginFullSync(TableRef table, UUID runId);

  /**
   * Applies one page of an incremental sync: writes the records whose content changed and publishes
   * {@link RecordsChanged} for them, in the caller's transaction (or its own).
   */
  ChangeCounts applyIncremental(TableRef table, UUID runId, List<IncomingRecord> records);

  /** One page of a table's records, ordered by key. */
  List<CachedRecord> browse(TableRef table, int offset, int limit);

  /**
   * The records of a table whose lookup column {@code column} had {@code value} (trimmed,
   * case-insensitive) when written, found by blind index without decrypting the others; at most
   * {@code limit}, ordered by key. Callers that need an exact match compare the decrypted payload.
   */
  List<CachedRecord> lookup(TableRef table, String column, String value, int limit);

  /** The records of a table with these keys (those that exist), ordered by key. */
  List<CachedRecord> find(TableRef table, java.util.Collection<String> keys);

  /** The number of records in a table. */
  long count(TableRef table);

  /**
   * Removes the table's records the SoR last changed before {@code cutoff} (records without a SoR
   * timestamp: last synced before it), announcing them as deleted.
   *
   * @return how many were removed
   */
  long purgeOlderThan(TableRef table, Instant cutoff);

  /** Removes every record of an integration (when it is deleted); announces nothing. */
  long dropIntegration(dev.microworks.tenant.TenantId tenant, String integration);

  /**
   * A full sync in progress. Not thread-safe: one sync feeds it page by page, <b>inside one
   * transaction</b> that spans the whole sync (every call fails without one): the transaction is
   * what makes a full sync all or nothing.
   */
  interface FullSync extends AutoCloseable {

    /**
     * Compares a page with the hashes loaded at the start and writes what differs, announcing it;
     * visible to others only when the surrounding transaction commits.
     */
    ChangeCounts stage(List<IncomingRecord> page);

    /**
     * Ends the sync; with {@code removeUnseen}, deletes the records it did not see, announcing them
     * (tables kept as {@code replace-on-full-sync}; others keep unseen records until retention).
     *
     * @return the counts of the whole sync
     */
    ChangeCounts commit(boolean removeUnseen);

    /** Releases the loaded hashes. (Undoing is the transaction's rollback.) */
    @Override
    void close();
  }
}
