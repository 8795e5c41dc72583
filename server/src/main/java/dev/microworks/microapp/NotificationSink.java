package dev.microworks.microapp;

import dev.microworks.identity.UserId;
import dev.microworks.tenant.TenantId;
import java.util.Collection;
import java.util.UUID;

/**
 * Where raw notifications go (the {@code notify} module implements it). Called inside the
 * transaction that recorded the raw events: what it stores commits or rolls back with them.
 */
public interface NotificationSink {

  /** New raw events, each raised once (their idempotency keys were new). */
  void raised(Collection<RawNotification> notifications);

  /** These raw events expired for everyone. */
  void expired(TenantId tenant, Collection<UUID> rawEventIds);

  /** This raw event expired for these users only (they left its audience or filter). */
  void expiredFor(TenantId tenant, UUID rawEventId, Collection<UserId> users);
}
