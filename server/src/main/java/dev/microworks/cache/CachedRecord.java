package dev.microworks.cache;

import java.time.Instant;
import java.util.UUID;

/**
 * A record as the cache holds it.
 *
 * @param key primary key
 * @param payload declared columns as a JSON object
 * @param version version announced in {@link RecordsChanged}
 * @param sorUpdatedAt when the SoR last changed it, if known
 * @param syncedAt when the cache last wrote it
 * @param runId the run that last wrote it
 */
public record CachedRecord(
    String key, String payload, long version, Instant sorUpdatedAt, Instant syncedAt, UUID runId) {

  /** Without the payload: record content stays out of logs. */
  @Override
  public String toString() {
    return "CachedRecord[" + key + " v" + version + "]";
  }
}
