package dev.microworks.integration;

import java.time.Duration;
import java.util.Objects;

/** How long a table's rows stay in the cache. */
public sealed interface RetentionSpec {

  /** Rows absent from a complete full synchronisation are deleted (Citrix DELETE_ON_FULL_SYNC). */
  record ReplaceOnFullSync() implements RetentionSpec {}

  /**
   * Rows are kept for {@code duration} after the SoR last changed them ({@code updated-column};
   * without one, after the cache last wrote them), then purged by the daily retention job. Full
   * syncs do not remove them.
   */
  record KeepFor(Duration duration) implements RetentionSpec {
    public KeepFor {
      Objects.requireNonNull(duration, "duration");
    }
  }
}
