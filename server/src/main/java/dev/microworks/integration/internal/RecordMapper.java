package dev.microworks.integration.internal;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.MappedRecord;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a record as the SoR sent it to a table's declared columns. Undeclared and ignored attributes
 * are dropped; values are normalised to the column type where that is lossless (a numeric string
 * for an integer column becomes a number); a value that does not fit is kept as the SoR sent it
 * rather than lost.
 */
final class RecordMapper {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TableSpec table;
  private final List<ColumnSpec> stored;
  private final List<ColumnSpec> key;
  private final boolean keyedUnderParent;
  private final List<ColumnSpec> lookups;

  RecordMapper(TableSpec table) {
    this.table = table;
    this.stored = table.storedColumns();
    this.key = table.primaryKey();
    this.lookups = stored.stream().filter(ColumnSpec::lookup).toList();
    // a sub-list keyed only by its own columns (line 1, 2, ... of every order) would collide
    // across parents: its rows are keyed under their parent's key
    this.keyedUnderParent =
        table.merge() == MergeStrategy.SUB_LIST
            && key.stream().noneMatch(column -> column.path().startsWith(DotPaths.PARENT_PREFIX));
  }

  /** The stored columns of {@code record}; {@code parent} resolves {@code $parent.} paths. */
  ObjectNode columns(JsonNode record, ObjectNode parent) {
    ObjectNode row = NODES.objectNode();
    for (ColumnSpec column : stored) {
      row.set(column.name(), normalise(column, value(record, parent, column.path())));
    }
    return row;
  }

  /** The mapped record, or empty when a primary-key value is missing. */
  Optional<MappedRecord> map(ObjectNode row) {
    return map(row, null);
  }

  /**
   * The mapped record of a sub-list row; {@code parentKey} goes in front of its key when none of
   * its key columns comes from the parent.
   */
  Optional<MappedRecord> map(ObjectNode row, String parentKey) {
    StringBuilder joined = new StringBuilder();
    boolean composite = key.size() > 1 || (keyedUnderParent && parentKey != null);
    if (keyedUnderParent && parentKey != null) {
      joined.append(escapeKeyPart(parentKey)).append('|');
    }
    for (int i = 0; i < key.size(); i++) {
      JsonNode value = row.get(key.get(i).name());
      if (value == null || value.isNull() || value.isMissingNode()) {
        return Optional.empty();
      }
      String text = value.isValueNode() ? value.asString() : value.toString();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      if (i > 0) {
        joined.append('|');
      }
      joined.append(composite ? escapeKeyPart(text) : text);
    }
    Instant updatedAt =
        table.updatedColumn().flatMap(column -> instant(row.get(column))).orElse(null);
    return Optional.of(
        new MappedRecord(
            joined.toString(), JSON.writeValueAsString(row), updatedAt, lookupValues(row)));
  }

  /** The text of each lookup column with a value (arrays: one entry per element). */
  private Map<String, List<String>> lookupValues(ObjectNode row) {
    if (lookups.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (ColumnSpec column : lookups) {
      JsonNode value = row.get(column.name());
      List<String> texts = new ArrayList<>();
      if (value != null && value.isArray()) {
        value.forEach(element -> addText(element, texts));
      } else {
        addText(value, texts);
      }
      if (!texts.isEmpty()) {
        values.put(column.name(), texts);
      }
    }
    return values;
  }

  private static void addText(JsonNode value, List<String> texts) {
    if (value != null && !value.isNull() && !value.isMissingNode()) {
      String text = value.isValueNode() ? value.asString() : value.toString();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
  }

  private static String escapeKeyPart(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|");
  }

  private static JsonNode value(JsonNode record, ObjectNode parent, String path) {
    if (path.startsWith(DotPaths.PARENT_PREFIX)) {
      JsonNode value =
          parent == null ? null : parent.get(path.substring(DotPaths.PARENT_PREFIX.length()));
      return value == null ? NODES.nullNode() : value;
    }
    return at(record, path);
  }

  /** The node at a dot path of {@code record}, or a null node when any step is missing. */
  static JsonNode at(JsonNode record, String path) {
    JsonNode node = record;
    for (String segment : DotPaths.segments(path)) {
      if (node.isObject()) {
        node = node.get(segment);
      } else if (node.isArray()
          && !segment.isEmpty()
          && segment.chars().allMatch(Character::isDigit)) {
        node = node.get(Integer.parseInt(segment));
      } else {
        node = null;
      }
      if (node == null) {
        return NODES.nullNode();
      }
    }
    return node;
  }

  private static JsonNode normalise(ColumnSpec column, JsonNode value) {
    if (value.isNull()) {
      return value;
    }
    return switch (column.type()) {
      case STRING, DATE, DATETIME, TIME ->
          NODES.stringNode(withoutNul(value.isValueNode() ? value.asString() : value.toString()));
      case INTEGER -> value.isString() ? integer(value.asString(), value) : value;
      case DECIMAL -> value.isString() ? decimal(value.asString(), value) : value;
      case BOOLEAN ->
          value.isString()
                  && ("true".equalsIgnoreCase(value.asString())
                      || "false".equalsIgnoreCase(value.asString()))
              ? NODES.booleanNode(Boolean.parseBoolean(value.asString()))
              : value;
      case JSON -> value;
    };
  }

  /** PostgreSQL stores no U+0000 in text or jsonb; one such character must not fail a sync. */
  private static String withoutNul(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  private static JsonNode integer(String text, JsonNode original) {
    try {
      return NODES.numberNode(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return original;
    }
  }

  private static JsonNode decimal(String text, JsonNode original) {
    try {
      // DecimalNode.valueOf keeps the scale: "279.30" stays 279.30 (the factory would strip it)
      return DecimalNode.valueOf(new BigDecimal(text.trim()));
    } catch (NumberFormatException e) {
      return original;
    }
  }

  static Optional<Instant> instant(JsonNode value) {
    if (value == null || !value.isString()) {
      return Optional.empty();
    }
    String text = value.asString();
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }
}
