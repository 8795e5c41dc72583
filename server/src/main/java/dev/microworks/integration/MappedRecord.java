package dev.microworks.integration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record read from a system of record and mapped to its table's declared columns: undeclared and
 * {@code ignored} attributes are gone.
 *
 * @param key the primary key; a composite key's values joined by {@code |} (a {@code |} or {@code
 *     \} inside a value is escaped with {@code \})
 * @param payload the stored columns as a JSON object, in declaration order (equal content, equal
 *     text)
 * @param updatedAt the value of the table's {@code updated-column}, if declared and present
 * @param lookups the values of the table's {@code lookup} columns by column name (an array column
 *     gives one value per element); the cache stores them only as blind indexes
 */
public record MappedRecord(
    String key, String payload, Instant updatedAt, Map<String, List<String>> lookups) {
  public MappedRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    lookups = Map.copyOf(lookups);
  }

  public MappedRecord(String key, String payload, Instant updatedAt) {
    this(key, payload, updatedAt, Map.of());
  }

  /** The key and the payload's size: record content stays out of logs. */
  @Override
  public String toString() {
    return "MappedRecord[key=" + key + ", " + payload.length() + " chars]";
  }
}
