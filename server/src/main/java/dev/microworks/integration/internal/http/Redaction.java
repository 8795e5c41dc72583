package dev.microworks.integration.internal.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Makes URLs and answers from a system of record safe to put in a message or a log. */
final class Redaction {

  static final String MASK = "***";
  static final int MAX_ANSWER_CHARS = 500;

  /** A query parameter whose name contains one of these has its value masked. */
  private static final List<String> SECRET_NAME_PARTS =
      List.of(
          "key",
          "token",
          "secret",
          "password",
          "passwd",
          "signature",
          "credential",
          "auth",
          "code");

  private Redaction() {}

  /**
   * {@code uri} without user info, with the values of secret-looking query parameters (and of
   * {@code extraSecretParams}) replaced by {@value #MASK}.
   */
  static String url(URI uri, Set<String> extraSecretParams) {
    StringBuilder text = new StringBuilder();
    text.append(uri.getScheme()).append("://");
    if (uri.getRawUserInfo() != null) {
      text.append(MASK).append('@');
    }
    text.append(uri.getHost() == null ? "" : uri.getHost());
    if (uri.getPort() >= 0) {
      text.append(':').append(uri.getPort());
    }
    text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
    String query = uri.getRawQuery();
    if (query != null) {
      List<String> pairs = new ArrayList<>();
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        boolean secret =
            kv.length == 2 && looksSecret(RequestTemplate.decode(kv[0]), extraSecretParams);
        pairs.add(secret ? kv[0] + "=" + MASK : pair);
      }
      text.append('?').append(String.join("&", pairs));
    }
    return text.toString();
  }

  static boolean looksSecret(String name, Set<String> extraSecretParams) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("sig") || extraSecretParams.contains(name)) {
      return true;
    }
    return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
  }

  /** {@code text} scrubbed of {@code secrets}, then trimmed to {@value #MAX_ANSWER_CHARS} chars. */
  static String answer(String text, SentSecrets secrets) {
    String scrubbed = secrets.scrub(text).strip();
    if (scrubbed.length() <= MAX_ANSWER_CHARS) {
      return scrubbed;
    }
    return scrubbed.substring(0, MAX_ANSWER_CHARS)
        + "... ("
        + (scrubbed.length() - MAX_ANSWER_CHARS)
        + " more chars)";
  }
}
