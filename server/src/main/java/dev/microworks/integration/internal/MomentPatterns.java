package dev.microworks.integration.internal;

import java.util.List;
import java.util.Optional;

/** Translates the moment.js date patterns of Citrix bundles into java.time patterns. */
final class MomentPatterns {

  /** Longest tokens first. */
  private static final List<String[]> TOKENS =
      List.of(
          new String[] {"YYYY", "yyyy"},
          new String[] {"YY", "yy"},
          new String[] {"MM", "MM"},
          new String[] {"M", "M"},
          new String[] {"DD", "dd"},
          new String[] {"D", "d"},
          new String[] {"HH", "HH"},
          new String[] {"H", "H"},
          new String[] {"hh", "hh"},
          new String[] {"h", "h"},
          new String[] {"mm", "mm"},
          new String[] {"m", "m"},
          new String[] {"ss", "ss"},
          new String[] {"s", "s"},
          new String[] {"SSS", "SSS"},
          new String[] {"ZZ", "XX"},
          new String[] {"Z", "XXX"},
          new String[] {"A", "a"});

  private MomentPatterns() {}

  /** The java.time pattern, or empty when a token has no equivalent. */
  static Optional<String> toJava(String moment) {
    if (moment == null) {
      return Optional.empty();
    }
    StringBuilder java = new StringBuilder();
    int i = 0;
    outer:
    while (i < moment.length()) {
      char c = moment.charAt(i);
      if (c == '[') {
        int end = moment.indexOf(']', i);
        if (end < 0) {
          return Optional.empty();
        }
        java.append('\'').append(moment, i + 1, end).append('\'');
        i = end + 1;
        continue;
      }
      if (c == '\'') {
        java.append("''");
        i++;
        continue;
      }
      if (!Character.isLetter(c)) {
        java.append(c);
        i++;
        continue;
      }
      for (String[] token : TOKENS) {
        if (moment.startsWith(token[0], i)) {
          java.append(token[1]);
          i += token[0].length();
          continue outer;
        }
      }
      return Optional.empty();
    }
    return Optional.of(java.toString());
  }
}
