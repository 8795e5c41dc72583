package dev.microworks.wallet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the application's OpenAPI document: method, path template, declared query
 * parameters and request body media types.
 */
record ApiOperation(
    String method, String path, List<String> queryParameters, List<String> bodyTypes) {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final List<String> ORDER = List.of("GET", "HEAD", "OPTIONS", "PUT", "POST");
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  /**
   * Every operation of {@code document}, in an order that destroys last: reads first, then writes,
   * then deletes (the longest paths first, so a credential goes before its integration).
   */
  static List<ApiOperation> of(JsonNode document) {
    List<ApiOperation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        JsonNode declared = operation.getValue();
        List<String> query = new ArrayList<>();
        declared
            .path("parameters")
            .forEach(
                parameter -> {
                  if (parameter.path("in").asString("").equals("query")) {
                    query.add(parameter.get("name").asString());
                  }
                });
        List<String> bodyTypes =
            new ArrayList<>(declared.path("requestBody").path("content").propertyNames());
        operations.add(
            new ApiOperation(
                operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), query, bodyTypes));
      }
    }
    operations.sort(
        Comparator.comparingInt(ApiOperation::rank)
            .thenComparingInt(op -> op.method().equals("DELETE") ? -op.path().length() : 0)
            .thenComparing(ApiOperation::path));
    return operations;
  }

  private int rank() {
    int rank = ORDER.indexOf(method);
    return rank < 0 ? ORDER.size() : rank;
  }

  boolean changesState() {
    return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
  }

  boolean hasVariables() {
    return VARIABLE.matcher(path).find();
  }

  /** The path with its variables replaced by {@code values}; a variable without one fails. */
  String expand(Map<String, String> values) {
    Matcher variable = VARIABLE.matcher(path);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      String value = values.get(variable.group(1));
      if (value == null) {
        throw new AssertionError(
            this
                + " has path variable {"
                + variable.group(1)
                + "}, which the leak test has no value for: teach it one");
      }
      variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    variable.appendTail(expanded);
    return expanded.toString();
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
