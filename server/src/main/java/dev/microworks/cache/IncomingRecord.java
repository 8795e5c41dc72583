package dev.microworks.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as mapped from the system of record, about to be compared with the cache.
 *
 * @param key the record's primary key (composite keys joined by the caller)
 * @param payload the record's declared columns as a JSON object; equal content must give equal text
 *     (the caller writes columns in a fixed order)
 * @param sorUpdatedAt when the SoR last changed it, if known
 */
public record IncomingRecord(String key, String payload, Instant sorUpdatedAt) {
  public IncomingRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }
}
