package dev.microworks.notify.internal.channel;

/** Text helpers shared by the renderers. */
final class ChannelText {

  static final String ELLIPSIS = "…";

  private ChannelText() {}

  /**
   * {@code text} cut to at most {@code max} characters (UTF-16 units, as Slack and Teams count),
   * ending in "…" when cut; never splits a surrogate pair or, in escaped text, an entity.
   */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int amp = text.lastIndexOf('&', end - 1);
    if (amp >= 0 && text.indexOf(';', amp) >= end && end - amp <= 5) {
      end = amp;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** Blank text as a dash: the services reject empty text fields. */
  static String orDash(String text) {
    return text == null || text.isBlank() ? "–" : text;
  }

  /** One line: no CR or LF (mail subjects, headers). */
  static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").strip();
  }
}
