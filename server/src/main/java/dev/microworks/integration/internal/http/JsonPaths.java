package dev.microworks.integration.internal.http;

import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Dot paths into JSON: {@code ""} is the document, {@code data.items} nests, {@code 0} indexes. */
final class JsonPaths {

  private JsonPaths() {}

  /** The node at {@code path}, or empty if any step is missing. */
  static Optional<JsonNode> at(JsonNode root, String path) {
    JsonNode node = root;
    if (!path.isEmpty()) {
      for (String step : path.split("\\.")) {
        if (node.isObject()) {
          node = node.get(step);
        } else if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
          node = node.get(Integer.parseInt(step));
        } else {
          return Optional.empty();
        }
        if (node == null) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(node);
  }

  /** A non-empty text at {@code path} (numbers as text), or empty if absent, null or "". */
  static Optional<String> text(JsonNode root, String path) {
    return at(root, path)
        .filter(node -> node.isString() || node.isNumber())
        .map(JsonNode::asString)
        .filter(text -> !text.isEmpty());
  }

  /** What a person should read about {@code node}: its kind and, for an object, its fields. */
  static String describe(JsonNode node) {
    if (node.isObject()) {
      String names = node.propertyNames().stream().limit(20).collect(Collectors.joining(", "));
      return "an object" + (names.isEmpty() ? " with no fields" : " with fields " + names);
    }
    if (node.isNull()) {
      return "null";
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
