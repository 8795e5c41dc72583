package dev.microworks.integration.internal.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 8288 {@code Link} header parser: several links per header and several headers, quoted
 * parameter values with escapes (commas and semicolons inside quotes), {@code rel} lists, targets
 * resolved against the request URL.
 */
final class LinkHeader {

  record Link(String target, Map<String, String> params) {
    boolean hasRel(String rel) {
      String rels = params.get("rel");
      if (rels == null) {
        return false;
      }
      for (String each : rels.strip().split("\\s+")) {
        if (each.equalsIgnoreCase(rel)) {
          return true;
        }
      }
      return false;
    }
  }

  private final String text;
  private int pos;

  private LinkHeader(String text) {
    this.text = text;
  }

  /** The first link with relation {@code rel} among {@code headerValues}, resolved. */
  static Optional<URI> find(List<String> headerValues, String rel, URI base) {
    for (String value : headerValues) {
      for (Link link : parse(value)) {
        if (link.hasRel(rel)) {
          return Optional.of(base.resolve(link.target().strip()));
        }
      }
    }
    return Optional.empty();
  }

  static List<Link> parse(String value) {
    return new LinkHeader(value).links();
  }

  private List<Link> links() {
    List<Link> links = new ArrayList<>();
    while (true) {
      skip(" \t,");
      if (pos >= text.length()) {
        return links;
      }
      if (text.charAt(pos) != '<') {
        throw new IllegalArgumentException("expected '<' at " + pos + " in Link header");
      }
      int end = text.indexOf('>', pos);
      if (end < 0) {
        throw new IllegalArgumentException("unterminated '<' in Link header");
      }
      String target = text.substring(pos + 1, end);
      pos = end + 1;
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        skip(" \t");
        if (pos >= text.length() || text.charAt(pos) != ';') {
          break;
        }
        pos++;
        skip(" \t");
        String name = token().toLowerCase(Locale.ROOT);
        skip(" \t");
        String paramValue = "";
        if (pos < text.length() && text.charAt(pos) == '=') {
          pos++;
          skip(" \t");
          paramValue = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
        }
        if (!name.isEmpty()) {
          params.putIfAbsent(name, paramValue);
        }
      }
      links.add(new Link(target, params));
      skip(" \t");
      if (pos < text.length() && text.charAt(pos) != ',') {
        throw new IllegalArgumentException("unexpected '" + text.charAt(pos) + "' in Link header");
      }
    }
  }

  private void skip(String chars) {
    while (pos < text.length() && chars.indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private String token() {
    int start = pos;
    while (pos < text.length() && ";,= \t\"".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String quoted() {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        value.append(text.charAt(pos++));
      } else if (c == '"') {
        return value.toString();
      } else {
        value.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated quoted string in Link header");
  }
}
