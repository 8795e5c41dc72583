package dev.microworks.microapp.internal;

import dev.cel.common.values.NullValue;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.Sort;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a list request asks for: a search text, a sort override and a window.
 *
 * @param search matched case-insensitively as a substring of the page's search columns; blank for
 *     none
 * @param sort {@code column} or {@code -column} (descending), one of the page's columns; blank for
 *     the page's declared sort
 * @param offset rows skipped, at least 0
 * @param limit rows returned, 1 to {@link #MAX_LIMIT}
 */
record ListQuery(String search, String sort, int offset, int limit) {

  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;

  /** Checks the window; the sort is checked against the page in {@link #apply}. */
  ListQuery {
    search = search == null ? "" : search.strip();
    sort = sort == null ? "" : sort.strip();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw PageException.badRequest(
          "limit must be from 1 to " + MAX_LIMIT + ", was " + limit + ".");
    }
    if (offset < 0) {
      throw PageException.badRequest("offset must be 0 or more, was " + offset + ".");
    }
  }

  /** A query for every row (exports). */
  static ListQuery everything(String search, String sort) {
    return new ListQuery(search, sort, 0, MAX_LIMIT);
  }

  /** The rows that match the search, in the requested or declared order (then by key). */
  List<Row> apply(Page page, List<Row> rows) {
    List<Sort> order = order(page);
    List<Row> result = new ArrayList<>();
    if (search.isEmpty()) {
      result.addAll(rows);
    } else {
      if (page.search().isEmpty()) {
        throw PageException.badRequest(
            "Page '" + page.id() + "' has no search columns; leave q out.");
      }
      String needle = search.toLowerCase(Locale.ROOT);
      for (Row row : rows) {
        if (page.search().stream()
            .anyMatch(c -> row.text(c).toLowerCase(Locale.ROOT).contains(needle))) {
          result.add(row);
        }
      }
    }
    result.sort(comparator(order));
    return result;
  }

  /** The sort in effect: the override, or the page's declared sort. */
  List<Sort> order(Page page) {
    if (sort.isEmpty()) {
      return page.sort();
    }
    boolean descending = sort.startsWith("-");
    String column = descending ? sort.substring(1) : sort;
    if (!page.columns().contains(column)) {
      throw PageException.badRequest(
          "Cannot sort page '"
              + page.id()
              + "' by '"
              + column
              + "'; sort by one of its columns: "
              + String.join(", ", page.columns())
              + " (prefix - for descending).");
    }
    return List.of(new Sort(column, descending));
  }

  private static Comparator<Row> comparator(List<Sort> order) {
    Comparator<Row> result = (a, b) -> 0;
    for (Sort sort : order) {
      String column = sort.column();
      result =
          result.thenComparing(
              (a, b) -> compare(a.values().get(column), b.values().get(column), sort.descending()));
    }
    return result.thenComparing(Row::key);
  }

  /** Typed comparison (text case-insensitively); empty values last in either direction. */
  static int compare(Object a, Object b, boolean descending) {
    boolean aEmpty = a == null || a == NullValue.NULL_VALUE;
    boolean bEmpty = b == null || b == NullValue.NULL_VALUE;
    if (aEmpty || bEmpty) {
      return Boolean.compare(aEmpty, bEmpty);
    }
    int result;
    if (a instanceof String x && b instanceof String y) {
      result = x.compareToIgnoreCase(y);
      result = result != 0 ? result : x.compareTo(y);
    } else if (a instanceof Number x && b instanceof Number y) {
      result = Double.compare(x.doubleValue(), y.doubleValue());
    } else if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
      @SuppressWarnings("unchecked")
      Comparable<Object> comparable = (Comparable<Object>) a;
      result = comparable.compareTo(b);
    } else {
      result = RecordValues.display(a).compareToIgnoreCase(RecordValues.display(b));
    }
    return descending ? -result : result;
  }
}
