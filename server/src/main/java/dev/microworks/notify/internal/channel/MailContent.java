package dev.microworks.notify.internal.channel;

import dev.microworks.notify.FeedCard;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The subject, plain text and HTML of card e-mails: one card, or a digest of several. Record text
 * is HTML-escaped; the only link is the one to the feed.
 */
final class MailContent {

  static final int SUBJECT_MAX = 200;

  record Rendered(String subject, String text, String html) {
    @Override
    public String toString() {
      return "Rendered[…]";
    }
  }

  private MailContent() {}

  static Rendered card(MailCard card, String feedUrl) {
    String subject =
        ChannelText.truncate(ChannelText.oneLine(ChannelText.orDash(card.title())), SUBJECT_MAX);
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder(htmlStart());
    append(card, text, html);
    text.append("Open your feed: ").append(feedUrl).append('\n');
    html.append(link(feedUrl)).append(htmlEnd());
    return new Rendered(subject, text.toString(), html.toString());
  }

  static Rendered digest(List<MailCard> cards, String feedUrl) {
    String subject =
        cards.size() == 1 ? "1 new card in Microworks" : cards.size() + " new cards in Microworks";
    StringBuilder text = new StringBuilder(subject).append("\n\n");
    StringBuilder html =
        new StringBuilder(htmlStart()).append("<p>").append(escape(subject)).append("</p>\n");
    for (MailCard card : cards) {
      text.append("— ");
      html.append("<hr>\n");
      append(card, text, html);
    }
    text.append("Open your feed: ").append(feedUrl).append('\n');
    html.append("<hr>\n").append(link(feedUrl)).append(htmlEnd());
    return new Rendered(subject, text.toString(), html.toString());
  }

  private static void append(MailCard card, StringBuilder text, StringBuilder html) {
    text.append(ChannelText.orDash(card.title())).append('\n');
    text.append('(').append(ChannelText.orDash(card.microappTitle())).append(")\n");
    html.append("<p style=\"color:#666;font-size:small\">")
        .append(escape(ChannelText.orDash(card.microappTitle())))
        .append("</p>\n<h2>")
        .append(escape(ChannelText.orDash(card.title())))
        .append("</h2>\n");
    if (card.body() != null && !card.body().isBlank()) {
      text.append('\n').append(card.body()).append('\n');
      html.append("<p>").append(escape(card.body()).replace("\n", "<br>\n")).append("</p>\n");
    }
    if (!card.fields().isEmpty()) {
      text.append('\n');
      html.append("<table>\n");
      for (FeedCard.Field field : card.fields()) {
        text.append(field.label()).append(": ").append(field.value()).append('\n');
        html.append("<tr><th align=\"left\">")
            .append(escape(field.label()))
            .append("</th><td>")
            .append(escape(field.value()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    text.append('\n');
  }

  private static String link(String feedUrl) {
    return "<p><a href=\"" + escape(feedUrl) + "\">Open your feed in Microworks</a></p>\n";
  }

  private static String htmlStart() {
    return "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n";
  }

  private static String htmlEnd() {
    return "</body></html>\n";
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
  }
}
