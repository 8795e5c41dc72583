package dev.microworks.integration;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads tables from a system of record as an integration spec describes: authenticated with the
 * integration's service account (credentials obtained for purpose {@code SYNC}), paged, retried and
 * rate-limited, behind the SSRF guard, mapped to the declared columns.
 *
 * <p>Memory is bounded by one page, whatever the size of the listing.
 */
public interface IntegrationReader {

  /**
   * Reads one table that has a LIST endpoint, with the rows of its sub-list tables.
   *
   * @param spec the integration
   * @param table a table of {@code spec} with a list endpoint
   * @param lastSync empty: the full request; present: the incremental request, its last-sync
   *     parameter set from this instant (minus the spec's lookback)
   * @param resumeCheckpoint the checkpoint of the last page a previous, interrupted read of the
   *     same request committed: the read continues after it
   * @param pages receives each page; an exception it throws ends the read
   * @return pages and records read
   * @throws SourceReadException when the SoR cannot be read (the message says why, without secrets)
   */
  ReadSummary read(
      IntegrationSpec spec,
      TableSpec table,
      Optional<Instant> lastSync,
      Optional<String> resumeCheckpoint,
      Consumer<MappedPage> pages);

  /**
   * What a read did.
   *
   * @param pages pages received
   * @param records records listed (before window filtering)
   */
  record ReadSummary(int pages, long records) {}
}
