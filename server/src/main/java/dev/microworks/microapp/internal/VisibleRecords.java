package dev.microworks.microapp.internal;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.TableSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads records of one table from the cache for one user, the way a {@link FilterPlan} says, and
 * keeps those a predicate (the per-user filter and the page's {@code where}) lets through.
 *
 * <p>At most {@link #SCAN_LIMIT} records are read into memory for one request (they are searched
 * and sorted there); a table or lookup that would need more is refused with a {@link
 * PageException#tooLarge} that says what to change, never cut short silently.
 */
final class VisibleRecords {

  /** The most records one request reads into memory. */
  static final int SCAN_LIMIT = 50_000;

  /** The records read per {@link DataCache#browse} call. */
  static final int BROWSE_PAGE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A record as a page sees it.
   *
   * @param key the cache key
   * @param payload the stored columns as stored (what a page shows)
   * @param values the same as CEL values (what filters, search and sort compare)
   */
  record Row(String key, JsonNode payload, Map<String, Object> values) {

    /** The stored text of a column: a string as is, other values as JSON, empty for null. */
    String text(String column) {
      JsonNode value = payload.get(column);
      if (value == null || value.isNull() || value.isMissingNode()) {
        return "";
      }
      return value.isString() ? value.asString() : value.toString();
    }
  }

  private final DataCache cache;
  private final int scanLimit;

  VisibleRecords(DataCache cache, int scanLimit) {
    this.cache = cache;
    this.scanLimit = scanLimit;
  }

  /**
   * The records of {@code ref} that {@code visible} lets through, ordered by key: looked up by
   * {@code email} in the plan's lookup columns, or browsed.
   */
  List<Row> read(
      TableRef ref,
      TableSpec table,
      FilterPlan plan,
      String email,
      Predicate<Map<String, Object>> visible) {
    if (!plan.byLookup()) {
      return browse(ref, table, visible);
    }
    if (email == null || email.isBlank()) {
      return List.of();
    }
    Map<String, CachedRecord> found = new TreeMap<>();
    for (String column : plan.lookupColumns()) {
      List<CachedRecord> matches = cache.lookup(ref, column, email, scanLimit + 1);
      if (matches.size() > scanLimit) {
        throw PageException.tooLarge(
            "More than "
                + scanLimit
                + " records of table "
                + ref.table()
                + " have "
                + column
                + " = the user's e-mail; a page reads at most "
                + scanLimit
                + " records. Narrow the table's filter.");
      }
      matches.forEach(record -> found.putIfAbsent(record.key(), record));
    }
    return keep(table, found.values(), visible);
  }

  /**
   * The records of {@code ref} whose {@code column} holds exactly {@code value}, which {@code
   * visible} lets through: found by key when the column is the table's only key column, by lookup
   * when it is a lookup column, otherwise by browsing.
   */
  List<Row> withValue(
      TableRef ref,
      TableSpec table,
      String column,
      String value,
      Predicate<Map<String, Object>> visible) {
    List<ColumnSpec> key = table.primaryKey();
    Predicate<Map<String, Object>> equal =
        values -> RecordValues.display(values.get(column)).equals(value);
    Predicate<Map<String, Object>> both = equal.and(visible);
    if (key.size() == 1 && key.get(0).name().equals(column)) {
      return keep(table, cache.find(ref, List.of(value)), both);
    }
    boolean lookup = table.column(column).map(ColumnSpec::lookup).orElse(false);
    if (lookup) {
      List<CachedRecord> matches = cache.lookup(ref, column, value, scanLimit + 1);
      if (matches.size() <= scanLimit) {
        return keep(table, matches, both);
      }
    }
    return browse(ref, table, both);
  }

  /** The record with this key, if it exists and {@code visible} lets it through. */
  Optional<Row> byKey(
      TableRef ref, TableSpec table, String key, Predicate<Map<String, Object>> visible) {
    return keep(table, cache.find(ref, List.of(key)), visible).stream()
        .filter(row -> row.key().equals(key))
        .findFirst();
  }

  private List<Row> browse(TableRef ref, TableSpec table, Predicate<Map<String, Object>> visible) {
    long count = cache.count(ref);
    if (count > scanLimit) {
      throw PageException.tooLarge(
          "Table "
              + ref.table()
              + " holds "
              + count
              + " records; a page reads at most "
              + scanLimit
              + " into memory. Give the table a per-user filter of the form"
              + " record.<column> == user.email on a lookup column, so a page reads only the"
              + " user's records.");
    }
    List<Row> rows = new ArrayList<>();
    int read = 0;
    for (int offset = 0; ; offset += BROWSE_PAGE) {
      List<CachedRecord> page = cache.browse(ref, offset, BROWSE_PAGE);
      read += page.size();
      if (read > scanLimit) {
        throw PageException.tooLarge(
            "Table "
                + ref.table()
                + " grew past "
                + scanLimit
                + " records while being read; a page reads at most that many into memory.");
      }
      rows.addAll(keep(table, page, visible));
      if (page.size() < BROWSE_PAGE) {
        return rows;
      }
    }
  }

  private static List<Row> keep(
      TableSpec table, Collection<CachedRecord> records, Predicate<Map<String, Object>> visible) {
    List<Row> rows = new ArrayList<>();
    for (CachedRecord record : records) {
      Map<String, Object> values = RecordValues.of(table, record.payload());
      if (visible.test(values)) {
        rows.add(new Row(record.key(), JSON.readTree(record.payload()), values));
      }
    }
    return rows;
  }
}
