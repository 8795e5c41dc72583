package dev.microworks.sync;

/** Where a sync run is. */
public enum SyncStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED
}
