package dev.microworks.notify.internal;

import dev.microworks.notify.FeedCard;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A card in API answers and live events (absent values as null). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CardView(
    UUID id,
    String microapp,
    String microappTitle,
    String rule,
    String recordKey,
    String title,
    String body,
    List<FeedCard.Field> fields,
    String priority,
    Instant dueAt,
    String page,
    List<FeedCard.Button> actions,
    double score,
    List<FeedCard.Reason> why,
    Instant createdAt,
    String state,
    boolean read,
    Instant snoozedUntil) {

  static CardView of(FeedCard card) {
    return new CardView(
        card.id(),
        card.microapp(),
        card.microappTitle(),
        card.rule(),
        card.recordKey().orElse(null),
        card.title(),
        card.body(),
        card.fields(),
        card.priority(),
        card.dueAt().orElse(null),
        card.page().orElse(null),
        card.actions(),
        card.score(),
        card.why(),
        card.createdAt(),
        card.state(),
        card.readAt().isPresent(),
        card.snoozedUntil().orElse(null));
  }

  @Override
  public String toString() {
    return "CardView[" + id + "]";
  }
}
