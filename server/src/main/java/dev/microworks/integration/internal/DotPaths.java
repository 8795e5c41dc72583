package dev.microworks.integration.internal;

import dev.microworks.integration.yaml.Problems;
import java.util.ArrayList;
import java.util.List;

/**
 * Dot paths into a JSON record: {@code fields.status}; {@code \.} is a literal dot inside a key
 * ({@code @odata\.nextLink}); a leading {@code $parent.} names a column of the parent row.
 */
final class DotPaths {

  static final String PARENT_PREFIX = "$parent.";

  private DotPaths() {}

  /** The segments of {@code path}, unescaped; empty segments stay empty (and are an error). */
  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
        current.append('.');
        i++;
      } else if (c == '.') {
        segments.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    segments.add(current.toString());
    return segments;
  }

  static void check(Problems problems, String at, String path) {
    if (path.isEmpty() || segments(path).stream().anyMatch(String::isEmpty)) {
      problems.at(
          at,
          "expected a dot path such as fields.status (no empty segments) but was '" + path + "'");
    }
  }
}
