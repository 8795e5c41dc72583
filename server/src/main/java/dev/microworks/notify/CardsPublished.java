package dev.microworks.notify;

import java.util.List;
import java.util.UUID;

/**
 * What changed in users' feeds, announced in-process after the cards committed (not through the
 * event registry: nothing here must survive a restart, the feed API is the record). Channels
 * deliver new cards; live streams show both.
 *
 * @param tenant the tenant of every card here
 * @param created new cards
 * @param expired cards that expired: (card id, user id)
 */
public record CardsPublished(
    dev.microworks.tenant.TenantId tenant, List<FeedCard> created, List<ExpiredCard> expired) {

  public CardsPublished {
    created = List.copyOf(created);
    expired = List.copyOf(expired);
  }

  public record ExpiredCard(UUID card, UUID user, String microapp) {}
}
