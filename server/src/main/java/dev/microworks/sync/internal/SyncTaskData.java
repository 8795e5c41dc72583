package dev.microworks.sync.internal;

import dev.microworks.sync.SyncMode;
import dev.microworks.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;

/**
 * What a sync task instance carries, stored by db-scheduler as text ({@code
 * tenant|integration|MODE|runId-or-empty}) so no serializer configuration matters.
 *
 * @param tenant the tenant
 * @param integration the integration's id
 * @param mode full or incremental
 * @param runId the queued run of a manual sync; empty for the recurring schedule
 */
record SyncTaskData(TenantId tenant, String integration, SyncMode mode, Optional<UUID> runId) {

  String encode() {
    return tenant + "|" + integration + "|" + mode + "|" + runId.map(UUID::toString).orElse("");
  }

  static SyncTaskData decode(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a sync task: " + text);
    }
    return new SyncTaskData(
        new TenantId(UUID.fromString(parts[0])),
        parts[1],
        SyncMode.valueOf(parts[2]),
        parts[3].isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(parts[3])));
  }

  /** The recurring instance of an integration's schedule for one mode. */
  String scheduleInstanceId() {
    return tenant + ":" + integration + ":" + mode;
  }
}
