package dev.microworks.notify.internal.channel;

import dev.microworks.notify.FeedCard;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A card as a Slack incoming-webhook message in Block Kit: header (title), section (body, mrkdwn),
 * section fields, context (the microapp) and a button to the feed, with a plain-text fallback.
 * Slack's documented limits are kept (longer text ends in "…"); record text is escaped, so a card
 * cannot mention {@code @channel} or smuggle a link.
 */
final class SlackMessage {

  static final int HEADER_MAX = 150;
  static final int SECTION_TEXT_MAX = 3000;
  static final int FIELDS_MAX = 10;
  static final int FIELD_TEXT_MAX = 2000;
  static final int CONTEXT_TEXT_MAX = 3000;
  static final int BUTTON_TEXT_MAX = 75;
  static final int URL_MAX = 3000;
  static final int FALLBACK_MAX = 3000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SlackMessage() {}

  static ObjectNode render(FeedCard card, String feedUrl) {
    ObjectNode message = NODES.objectNode();
    message.put(
        "text", ChannelText.truncate(escape(ChannelText.orDash(card.title())), FALLBACK_MAX));
    ArrayNode blocks = message.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", ChannelText.truncate(ChannelText.orDash(card.title()), HEADER_MAX))
        .put("emoji", false);

    if (card.body() != null && !card.body().isBlank()) {
      blocks
          .addObject()
          .put("type", "section")
          .set("text", mrkdwn(ChannelText.truncate(escape(card.body()), SECTION_TEXT_MAX)));
    }

    if (!card.fields().isEmpty()) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      for (FeedCard.Field field :
          card.fields().subList(0, Math.min(FIELDS_MAX, card.fields().size()))) {
        String text =
            "*"
                + escape(ChannelText.oneLine(ChannelText.orDash(field.label())))
                + "*\n"
                + escape(ChannelText.orDash(field.value()));
        fields.add(mrkdwn(ChannelText.truncate(text, FIELD_TEXT_MAX)));
      }
    }

    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .add(
            mrkdwn(
                ChannelText.truncate(
                    escape(ChannelText.orDash(card.microappTitle())) + " · Microworks",
                    CONTEXT_TEXT_MAX)));

    ObjectNode button =
        blocks
            .addObject()
            .put("type", "actions")
            .putArray("elements")
            .addObject()
            .put("type", "button")
            .put("action_id", "open-feed")
            .put("url", ChannelText.truncate(feedUrl, URL_MAX));
    button
        .putObject("text")
        .put("type", "plain_text")
        .put("text", ChannelText.truncate("Open in Microworks", BUTTON_TEXT_MAX));
    return message;
  }

  private static ObjectNode mrkdwn(String text) {
    return NODES.objectNode().put("type", "mrkdwn").put("text", text);
  }

  /** Slack's three control characters in message text. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
