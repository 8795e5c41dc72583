package dev.microworks.sync.internal;

import dev.microworks.cache.ChangeCounts;

/** A run's counters, accumulated page by page. Not thread-safe: one run, one thread. */
final class RunTally {
  private int pages;
  private long read;
  private long skipped;
  private ChangeCounts counts = ChangeCounts.NONE;

  void page(long records, long skippedRecords) {
    pages++;
    read += records;
    skipped += skippedRecords;
  }

  void add(ChangeCounts more) {
    counts = counts.plus(more);
  }

  /** A failed full sync changed nothing: only what was read stays. */
  void discardChanges() {
    counts = ChangeCounts.NONE;
  }

  int pages() {
    return pages;
  }

  long read() {
    return read;
  }

  long skipped() {
    return skipped;
  }

  ChangeCounts counts() {
    return counts;
  }
}
