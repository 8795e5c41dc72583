package dev.microworks.notify.internal.channel;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The link channels put under a card: the feed, at {@code microworks.public-url} (default {@code
 * http://localhost:8080}), the address users reach the server at.
 */
@Component
class FeedLink {

  private final String url;

  FeedLink(@Value("${microworks.public-url:http://localhost:8080}") String publicUrl) {
    URI uri;
    try {
      uri = URI.create(publicUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("microworks.public-url is not a URL: " + publicUrl, e);
    }
    if (uri.getHost() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new IllegalArgumentException(
          "microworks.public-url must be an absolute http(s) URL like https://microworks.example.com,"
              + " not "
              + publicUrl);
    }
    String base = uri.toString();
    this.url = base.endsWith("/") ? base : base + "/";
  }

  /** The feed's URL, ending in {@code /}. */
  String url() {
    return url;
  }
}
