package dev.microworks.notify.internal.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A user's incoming-webhook URL. The URL is the credential (whoever has it can post to the
 * channel), so this is not a record: {@link #toString()} and every problem text leave it out.
 */
final class WebhookUrl {

  static final int MAX_LENGTH = 2048;
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

  private final URI uri;

  private WebhookUrl(URI uri) {
    this.uri = uri;
  }

  /**
   * The URL if acceptable: absolute {@code https://} with a host and no user info; {@code http://}
   * only to localhost or 127.0.0.1, and only when {@code allowInsecure}.
   *
   * @return the URL, or the problem (which never quotes the URL)
   */
  static Parsed parse(String text, boolean allowInsecure) {
    if (text.isBlank()) {
      return Parsed.problem("must not be blank");
    }
    if (text.length() > MAX_LENGTH) {
      return Parsed.problem("must be at most %d characters".formatted(MAX_LENGTH));
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      return Parsed.problem("is not a URL (at character " + (e.getIndex() + 1) + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.isOpaque()) {
      return Parsed.problem("must be an absolute https:// URL with a host and no user name");
    }
    if (scheme.equals("https")) {
      return new Parsed(Optional.of(new WebhookUrl(uri)), Optional.empty());
    }
    if (scheme.equals("http") && allowInsecure) {
      return LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))
          ? new Parsed(Optional.of(new WebhookUrl(uri)), Optional.empty())
          : Parsed.problem("may be http:// only to localhost or 127.0.0.1");
    }
    return Parsed.problem("must be an https:// URL");
  }

  URI uri() {
    return uri;
  }

  char[] chars() {
    return uri.toString().toCharArray();
  }

  @Override
  public String toString() {
    return "WebhookUrl[…]";
  }

  /** A URL or what is wrong with it. */
  record Parsed(Optional<WebhookUrl> url, Optional<String> problem) {
    static Parsed problem(String problem) {
      return new Parsed(Optional.empty(), Optional.of(problem));
    }
  }
}
