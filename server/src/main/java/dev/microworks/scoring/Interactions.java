package dev.microworks.scoring;

import dev.microworks.tenant.TenantId;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What users did with their cards: recorded for scoring and analytics, kept 13 months. */
public interface Interactions {

  void record(TenantId tenant, UUID user, String microapp, UUID card, InteractionKind kind);

  /** Each user's engagement with one microapp over the last 90 days (absent: none). */
  Map<UUID, Engagement> engagement(TenantId tenant, String microapp, Collection<UUID> users);

  /** Counts per microapp and kind over the last {@code days} days: the analytics view. */
  Map<String, Map<InteractionKind, Long>> summary(TenantId tenant, int days);
}
