package dev.microworks.sync;

/** Which records a sync reads. */
public enum SyncMode {
  /** Every record; afterwards the cache holds exactly what the SoR listed. */
  FULL,
  /** Records changed since the last sync (with the spec's lookback). */
  INCREMENTAL
}
