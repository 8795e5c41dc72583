package dev.microworks.sync;

import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * One sync of one integration, as the run history shows it.
 *
 * @param id the run's id
 * @param tenant the tenant
 * @param integration the integration's id
 * @param mode full or incremental
 * @param trigger {@code schedule} or {@code manual}
 * @param status where it is
 * @param queuedAt when it was requested
 * @param startedAt when it started, if it did
 * @param finishedAt when it ended, if it did
 * @param pages pages read
 * @param recordsRead records read from the SoR
 * @param created records new to the cache
 * @param updated records whose content changed
 * @param deleted records removed
 * @param unchanged records read whose content was already cached
 * @param skipped records outside the sync window
 * @param error what went wrong, trimmed and scrubbed of secrets; {@code null} unless failed
 */
public record SyncRun(
    UUID id,
    TenantId tenant,
    String integration,
    SyncMode mode,
    String trigger,
    SyncStatus status,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    int pages,
    long recordsRead,
    long created,
    long updated,
    long deleted,
    long unchanged,
    long skipped,
    String error) {}
