package dev.microworks.cache;

/**
 * One record's change.
 *
 * @param key the record's key
 * @param type created, updated or deleted
 * @param version the record's new version (for a deletion: a fresh number); never announced twice
 * @param before the payload before the change; {@code null} when created
 * @param after the payload after the change; {@code null} when deleted
 */
public record RecordChange(String key, ChangeType type, long version, String before, String after) {

  /** Key, type and version: record content stays out of logs. */
  @Override
  public String toString() {
    return "RecordChange[" + key + " " + type + " v" + version + "]";
  }
}
