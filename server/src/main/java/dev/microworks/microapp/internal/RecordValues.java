package dev.microworks.microapp.internal;

import dev.cel.common.values.NullValue;
import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.TableSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A cached payload as CEL values, typed by the table's columns: strings, {@code Long} integers,
 * {@code Double} decimals, booleans, timestamps ({@code Instant}; a date is its start in UTC) and
 * null for a missing value. Every stored column is present, so {@code record.x} never fails for a
 * declared column.
 */
final class RecordValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordValues() {}

  static Map<String, Object> of(TableSpec table, String payload) {
    JsonNode node = payload == null ? null : JSON.readTree(payload);
    Map<String, Object> values = new HashMap<>();
    for (ColumnSpec column : table.storedColumns()) {
      JsonNode value = node == null ? null : node.get(column.name());
      values.put(column.name(), value(column, value));
    }
    return values;
  }

  /**
   * The value of a column as a card shows it: a date as {@code 2026-12-01} (not as the timestamp
   * CEL compares), anything else as {@link #display(Object)}.
   */
  static String display(TableSpec table, String column, Object value) {
    boolean date =
        table
            .column(column)
            .map(c -> c.type() == dev.microworks.integration.ColumnType.DATE)
            .orElse(false);
    if (date && value instanceof Instant instant) {
      return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
    return display(value);
  }

  /** The value as a card shows it: text as stored, empty for null. */
  static String display(Object value) {
    if (value == null || value == NullValue.NULL_VALUE) {
      return "";
    }
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return Long.toString(number.longValue());
    }
    return value.toString();
  }

  private static Object value(ColumnSpec column, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    switch (column.type()) {
      case INTEGER:
        return value.isNumber() ? value.asLong() : parseLong(value.asString());
      case DECIMAL:
        return value.isNumber() ? value.asDouble() : parseDouble(value.asString());
      case BOOLEAN:
        return value.isBoolean() ? value.asBoolean() : Boolean.parseBoolean(value.asString());
      case DATE:
      case DATETIME:
        Instant instant = instant(value.asString());
        return instant == null ? value.asString() : instant;
      case JSON:
        return value.toString();
      default:
        return value.isString() ? value.asString() : value.toString();
    }
  }

  /**
   * An ISO date, date-time with offset, or local date-time as an instant (dates and local times in
   * UTC); null when none of these.
   */
  static Instant instant(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (text.endsWith("Z")) {
        return Instant.parse(text);
      }
      if (text.length() <= 26 && text.indexOf('+', 10) < 0 && text.indexOf('-', 10) < 0) {
        // a local date-time (as Citrix bundles write them): UTC, the rules' time zone
        return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Object parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object parseDouble(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
