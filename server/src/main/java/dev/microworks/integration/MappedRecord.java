package dev.microworks.integration;

import java.time.Instant;
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
 */
public record MappedRecord(String key, String payload, Instant updatedAt) {
  public MappedRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }
}
