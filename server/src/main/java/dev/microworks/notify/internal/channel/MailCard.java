package dev.microworks.notify.internal.channel;

import dev.microworks.notify.FeedCard;
import java.util.List;
import java.util.UUID;

/**
 * What a card e-mail shows of one card. Record content: {@link #toString()} names the card only.
 *
 * @param card the card's id
 * @param microappTitle the microapp's title
 * @param title the card's title
 * @param body the card's body
 * @param fields its label/value pairs
 */
record MailCard(
    UUID card, String microappTitle, String title, String body, List<FeedCard.Field> fields) {

  MailCard {
    fields = List.copyOf(fields);
  }

  static MailCard of(FeedCard card) {
    return new MailCard(card.id(), card.microappTitle(), card.title(), card.body(), card.fields());
  }

  @Override
  public String toString() {
    return "MailCard[" + card + "]";
  }
}
