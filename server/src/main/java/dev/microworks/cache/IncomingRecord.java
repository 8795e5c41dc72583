package dev.microworks.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record as mapped from the system of record, about to be compared with the cache.
 *
 * @param key the record's primary key (composite keys joined by the caller)
 * @param payload the record's declared columns as a JSON object; equal content must give equal text
 *     (the caller writes columns in a fixed order)
 * @param sorUpdatedAt when the SoR last changed it, if known
 * @param lookups values of lookup columns by column name, stored only as blind indexes so that
 *     {@link DataCache#lookup} can find the record by them
 */
public record IncomingRecord(
    String key, String payload, Instant sorUpdatedAt, Map<String, List<String>> lookups) {
  public IncomingRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    lookups = Map.copyOf(lookups);
  }

  public IncomingRecord(String key, String payload, Instant sorUpdatedAt) {
    this(key, payload, sorUpdatedAt, Map.of());
  }

  @Override
  public String toString() {
    return "IncomingRecord[key=" + key + ", " + payload.length() + " chars]";
  }
}
