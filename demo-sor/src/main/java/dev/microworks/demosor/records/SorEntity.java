package dev.microworks.demosor.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of one record. Only touched under its {@link RecordStore}'s lock. Kept compact
 * (timestamps as epoch milliseconds, history beyond creation allocated on first write) so that a
 * million records fit in memory.
 */
abstract class SorEntity {

  final int number;
  final long createdAt;
  private final String createdBy;
  long updatedAt;
  private ArrayList<HistoryEntry> changes;

  SorEntity(int number, long createdAt, String createdBy) {
    this.number = number;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.createdBy = createdBy;
  }

  /** Records a write: bumps updated_at and appends to history. */
  final void record(Instant at, String actor, String action, String detail) {
    if (changes == null) {
      changes = new ArrayList<>(2);
    }
    changes.add(new HistoryEntry(at, actor, action, detail));
    updatedAt = Math.max(updatedAt, at.toEpochMilli());
  }

  final List<HistoryEntry> history(String createdDetail) {
    List<HistoryEntry> all = new ArrayList<>(changes == null ? 1 : changes.size() + 1);
    all.add(new HistoryEntry(Instant.ofEpochMilli(createdAt), createdBy, "created", createdDetail));
    if (changes != null) {
      all.addAll(changes);
    }
    return all;
  }

  final Instant createdInstant() {
    return Instant.ofEpochMilli(createdAt);
  }

  final Instant updatedInstant() {
    return Instant.ofEpochMilli(updatedAt);
  }

  /** The JSON view of this record in list endpoints. */
  abstract Object summary(SorCollection collection);

  /** The JSON view of this record in the detail endpoint, including comments and history. */
  abstract RecordDetail detail(SorCollection collection);
}
