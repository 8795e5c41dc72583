package dev.microworks.sync;

import dev.microworks.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starting syncs and reading their history. */
public interface Synchronizations {

  /**
   * Queues a sync to run as soon as possible ("sync now"); it runs on one node, after any sync of
   * the same integration that is still running.
   *
   * @return the queued run
   * @throws java.util.NoSuchElementException if the tenant has no such integration
   */
  SyncRun syncNow(TenantId tenant, String integration, SyncMode mode);

  /** The integration's runs, newest first. */
  List<SyncRun> runs(TenantId tenant, String integration, int limit);

  Optional<SyncRun> run(TenantId tenant, UUID id);
}
