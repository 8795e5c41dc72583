package dev.microworks.microapp.internal;

import java.util.List;

/**
 * CSV as RFC 4180 has it: CRLF line ends, fields with a comma, a double quote or a line break in
 * double quotes (quotes doubled). A cell a spreadsheet would take for a formula (starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading single
 * quote, so opening an export never runs one (OWASP "CSV injection").
 */
final class Csv {

  private final StringBuilder out = new StringBuilder();

  /** Appends one line. */
  Csv line(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
