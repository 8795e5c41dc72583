package dev.microworks.notify.internal.channel;

import dev.microworks.notify.FeedCard;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Cards as the notify module publishes them. */
final class TestCards {

  private TestCards() {}

  static FeedCard card(UUID user, String title, String body, List<FeedCard.Field> fields) {
    return card(UUID.randomUUID(), user, title, body, fields);
  }

  static FeedCard card(UUID id, UUID user, String title, String body, List<FeedCard.Field> fields) {
    return new FeedCard(
        id,
        user,
        "expenses",
        "Expense approvals",
        "over-limit",
        Optional.of("EXP-1"),
        title,
        body,
        fields,
        "HIGH",
        Optional.empty(),
        Optional.empty(),
        List.of(new FeedCard.Button("approve", "Approve")),
        1.5,
        List.of(),
        Instant.parse("2026-11-27T01:00:00Z"),
        "ACTIVE",
        Optional.empty(),
        Optional.empty());
  }

  static FeedCard typical(UUID user) {
    return card(
        user,
        "Expense report EXP-1 waits for you",
        "Dana submitted *travel* expenses of 1,234.00 EUR.\nPlease review.",
        List.of(new FeedCard.Field("Amount", "1,234.00 EUR"), new FeedCard.Field("Owner", "Dana")));
  }
}
