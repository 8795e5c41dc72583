package dev.microworks.notify.internal.channel;

import dev.microworks.notify.FeedCard;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A card as a Microsoft Teams incoming-webhook message: one Adaptive Card (version 1.4) with the
 * microapp, the title, the body, the fields as a FactSet and an Action.OpenUrl to the feed. Text is
 * cut so a message stays well under Teams' 28 KB limit.
 */
final class TeamsMessage {

  static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  static final int TITLE_MAX = 300;
  static final int BODY_MAX = 4000;
  static final int FACTS_MAX = 20;
  static final int FACT_TITLE_MAX = 200;
  static final int FACT_VALUE_MAX = 1000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TeamsMessage() {}

  static ObjectNode render(FeedCard card, String feedUrl) {
    ObjectNode message = NODES.objectNode().put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", CONTENT_TYPE);
    ObjectNode content = attachment.putObject("content");
    content
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4");
    ArrayNode body = content.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", ChannelText.truncate(ChannelText.orDash(card.microappTitle()), TITLE_MAX))
        .put("size", "small")
        .put("isSubtle", true)
        .put("wrap", true);
    body.addObject()
        .put("type", "TextBlock")
        .put("text", ChannelText.truncate(ChannelText.orDash(card.title()), TITLE_MAX))
        .put("size", "large")
        .put("weight", "bolder")
        .put("wrap", true);
    if (card.body() != null && !card.body().isBlank()) {
      body.addObject()
          .put("type", "TextBlock")
          .put("text", ChannelText.truncate(card.body(), BODY_MAX))
          .put("wrap", true);
    }
    if (!card.fields().isEmpty()) {
      ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
      for (FeedCard.Field field :
          card.fields().subList(0, Math.min(FACTS_MAX, card.fields().size()))) {
        facts
            .addObject()
            .put("title", ChannelText.truncate(ChannelText.orDash(field.label()), FACT_TITLE_MAX))
            .put("value", ChannelText.truncate(ChannelText.orDash(field.value()), FACT_VALUE_MAX));
      }
    }
    content
        .putArray("actions")
        .addObject()
        .put("type", "Action.OpenUrl")
        .put("title", "Open in Microworks")
        .put("url", feedUrl);
    return message;
  }
}
