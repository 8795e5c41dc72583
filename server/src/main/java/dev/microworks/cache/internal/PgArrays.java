package dev.microworks.cache.internal;

import java.util.Collection;

/**
 * PostgreSQL array literals, bound as one text parameter and cast in SQL ({@code :keys::text[]}):
 * one round trip for any number of values, no driver-specific array objects.
 */
final class PgArrays {

  private PgArrays() {}

  /** A {@code text[]} literal; {@code null} elements become SQL NULL. */
  static String text(Collection<String> values) {
    StringBuilder literal = new StringBuilder(values.size() * 16 + 2).append('{');
    boolean first = true;
    for (String value : values) {
      if (!first) {
        literal.append(',');
      }
      first = false;
      if (value == null) {
        literal.append("NULL");
        continue;
      }
      literal.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          literal.append('\\');
        }
        literal.append(c);
      }
      literal.append('"');
    }
    return literal.append('}').toString();
  }
}
