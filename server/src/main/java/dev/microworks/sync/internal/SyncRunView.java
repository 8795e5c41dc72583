package dev.microworks.sync.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.sync.SyncRun;
import java.time.Instant;
import java.util.UUID;

/** A sync run as the API answers it (snake_case, like the rest of {@code /api/v1}). */
record SyncRunView(
    UUID id,
    String integration,
    String mode,
    String trigger,
    String status,
    @JsonProperty("queued_at") Instant queuedAt,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    int pages,
    @JsonProperty("records_read") long recordsRead,
    long created,
    long updated,
    long deleted,
    long unchanged,
    long skipped,
    String error) {

  static SyncRunView of(SyncRun run) {
    return new SyncRunView(
        run.id(),
        run.integration(),
        run.mode().name().toLowerCase(java.util.Locale.ROOT),
        run.trigger(),
        run.status().name(),
        run.queuedAt(),
        run.startedAt(),
        run.finishedAt(),
        run.pages(),
        run.recordsRead(),
        run.created(),
        run.updated(),
        run.deleted(),
        run.unchanged(),
        run.skipped(),
        run.error());
  }
}
