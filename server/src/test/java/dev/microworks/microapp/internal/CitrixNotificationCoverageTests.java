package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.testsupport.CitrixBundles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every notification of the real Citrix bundles, written as a microapp notification rule: its
 * trigger, condition tree, audience, reminder and expiry — compiled by our validator against a spec
 * holding the columns it uses. What the model cannot hold is named, counted and must be one of the
 * known gaps (docs/microapps.md), never an unexpected failure.
 */
class CitrixNotificationCoverageTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Columns of one Citrix table: name → our type. */
  private final Map<String, Map<String, String>> tables = new TreeMap<>();

  private final Map<String, String> relationships = new LinkedHashMap<>();

  @Test
  void everyCitrixNotificationIsARuleOurValidatorAccepts_exceptTheNamedGaps() {
    Map<String, Integer> gaps = new TreeMap<>();
    int converted = 0;
    int total = 0;
    for (Path file : CitrixBundles.files("Citrix notification coverage")) {
      JsonNode bundle = JSON.readTree(file.toFile());
      tables.clear();
      relationships.clear();
      List<String> rules = new ArrayList<>();
      for (JsonNode notification : bundle.path("notifications")) {
        total++;
        List<String> why = new ArrayList<>();
        String rule = rule(notification, rules.size(), why);
        if (why.isEmpty()) {
          rules.add(rule);
        } else {
          why.forEach(reason -> gaps.merge(reason, 1, Integer::sum));
        }
      }
      if (rules.isEmpty()) {
        continue;
      }
      String name = file.getParent().getFileName().toString();
      IntegrationSpec spec = IntegrationSpecs.parse(spec(), name + "-spec.yaml");
      String microapp =
          "id: imported\ntitle: "
              + quote(name)
              + "\nintegration: imported\nsubscribers: {all-users: true}\nnotifications:\n"
              + String.join("", rules);
      try {
        DefinitionParser.parse(
            microapp, name + ".yaml", (d, p) -> CompiledMicroapp.compile(d, spec, p));
      } catch (InvalidMicroappException e) {
        throw new AssertionError(name + ":\n" + microapp + "\n" + e.getMessage(), e);
      }
      converted += rules.size();
    }
    System.out.printf(
        "Citrix notifications: %d, held as rules and validated: %d, not held: %s%n",
        total, converted, gaps);
    assertThat(total).isGreaterThan(100);
    assertThat(gaps.keySet())
        .as("what the model cannot hold yet (docs/microapps.md, 'From Citrix')")
        .isSubsetOf("a condition on a related table's column", "an ALL audience naming a column");
    assertThat(converted).isGreaterThanOrEqualTo(total * 3 / 4);
  }

  private String rule(JsonNode n, int index, List<String> why) {
    String table = "t" + n.path("tableId").asString("0");
    tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
    StringBuilder rule = new StringBuilder();
    rule.append("  - id: r").append(index).append('\n');
    rule.append("    table: ").append(table).append('\n');
    String event = n.path("eventType").asString();
    rule.append("    trigger: ").append(event.toLowerCase(java.util.Locale.ROOT)).append('\n');
    String job = n.path("schedule").path("jobSchedule").asString();
    if (event.equals("QUERY") || event.equals("UNCONDITIONAL") || event.equals("REMINDER")) {
      rule.append("    every: ")
          .append(job.equals("DAILY") ? "P1D" : job.equals("HOURLY") ? "PT1H" : "PT15M")
          .append('\n');
    }
    if (event.equals("REMINDER")) {
      JsonNode periodic = n.path("periodicDefinition");
      String column = "c" + periodic.path("groupByDateColumnId").asString();
      tables.get(table).put(column, "datetime");
      rule.append("    reminder: {column: ")
          .append(column)
          .append(
              periodic.path("reminderType").asString().equals("BEFORE")
                  ? ", days-before: "
                  : ", days-after: ")
          .append(periodic.path("reminderPeriod").asInt())
          .append("}\n");
    }
    if (!n.path("messageConditions").isMissingNode() && !event.equals("UNCONDITIONAL")) {
      rule.append("    when: ")
          .append(condition(n.path("messageConditions"), table, why))
          .append('\n');
    }
    rule.append("    audience: ").append(audience(n, table, why)).append('\n');
    rule.append("    card: {title: imported}\n");
    rule.append("    expire: {on-delete: ").append(n.path("expirationDelete").asBoolean(false));
    if (!n.path("expirationChangeConditions").isMissingNode()) {
      rule.append(", when: ").append(condition(n.path("expirationChangeConditions"), table, why));
    }
    rule.append("}\n");
    return rule.toString();
  }

  private String audience(JsonNode n, String table, List<String> why) {
    JsonNode query = n.path("audienceQuery");
    switch (n.path("audience").asString()) {
      case "GROUPS":
        return "{groups: [imported-group]}"; // group names are the tenant's, not in the export
      case "ALL":
        if (query.has("columnId")) {
          why.add("an ALL audience naming a column");
        }
        return "{all-subscribers: true}";
      default:
        String column = "c" + query.path("columnId").asString();
        String other = "t" + query.path("tableId").asString();
        if (!query.has("foreignKeyId") || other.equals(table)) {
          tables.get(table).put(column, "string");
          return "{column: " + column + "}";
        }
        String key = "fk" + query.path("foreignKeyId").asString();
        tables.get(table).put(key, "string");
        tables.computeIfAbsent(other, t -> new LinkedHashMap<>()).put(column, "string");
        relationships.put(table + "." + key, other + ".id");
        return "{column: " + other + "." + column + "}";
    }
  }

  /** A Citrix condition (TERM or EXPRESSION with AND/OR) as our condition tree, in YAML flow. */
  private String condition(JsonNode node, String table, List<String> why) {
    if (node.path("type").asString().equals("EXPRESSION")) {
      String operator = node.path("operator").asString().equals("OR") ? "any" : "all";
      return "{"
          + operator
          + ": ["
          + condition(node.path("left"), table, why)
          + ", "
          + condition(node.path("right"), table, why)
          + "]}";
    }
    JsonNode term = node.path("constraint");
    if (!("t" + term.path("tableId").asString()).equals(table)) {
      why.add("a condition on a related table's column");
      return "{column: id, is: not-empty}";
    }
    String column = "c" + term.path("columnId").asString();
    String type =
        switch (term.path("columnType").asString()) {
          case "INTEGER" -> "integer";
          case "DOUBLE", "DECIMAL" -> "decimal";
          case "BOOLEAN" -> "boolean";
          case "DATE" -> "date";
          case "TIMESTAMP" -> "datetime";
          default -> "string";
        };
    tables.get(table).put(column, type);
    String action = term.path("action").asString();
    String comparator =
        switch (term.path("comparator").asString()) {
          case "NOT_EQUAL_TO" -> "not-equal-to";
          case "GREATER" -> "greater";
          case "GREATER_OR_EQUAL" -> "greater-or-equal";
          case "LESS" -> "less";
          case "LESS_OR_EQUAL" -> "less-or-equal";
          default -> "equal-to";
        };
    String valueType = term.path("valueType").asString();
    String value = term.path("value").asString("");
    if (action.equals("INC_BY")) {
      return "{column: " + column + ", increases-by: " + quote(value) + "}";
    }
    if ((action.equals("CHANGES") || action.equals("NO_CHANGE"))
        && valueType.equals("VALUE")
        && value.isEmpty()) {
      return "{column: "
          + column
          + ", "
          + (action.equals("CHANGES") ? "changes" : "no-change")
          + ": true}";
    }
    String verb = action.equals("IS") ? "is" : "becomes"; // CHANGES to a value: becomes it
    switch (valueType) {
      case "VAL_NULL":
        return "{column: "
            + column
            + ", "
            + verb
            + ": "
            + (comparator.equals("equal-to") ? "empty" : "not-empty")
            + "}";
      case "VAL_TRUE":
      case "VAL_FALSE":
        return "{column: "
            + column
            + ", "
            + verb
            + ": "
            + comparator
            + ", value: "
            + (valueType.equals("VAL_TRUE") ? "\"true\"" : "\"false\"")
            + "}";
      case "NOW":
        return "{column: " + column + ", " + verb + ": " + comparator + ", now: true}";
      case "TODAY_MINUS_N":
      case "TODAY_PLUS_N":
        return "{column: "
            + column
            + ", "
            + verb
            + ": "
            + comparator
            + ", "
            + (valueType.equals("TODAY_MINUS_N") ? "today-minus-days: " : "today-plus-days: ")
            + (value.isEmpty() ? "0" : value)
            + "}";
      default:
        return "{column: "
            + column
            + ", "
            + verb
            + ": "
            + comparator
            + ", value: "
            + quote(value)
            + "}";
    }
  }

  /** An integration spec with the tables and columns the notifications used. */
  private String spec() {
    StringBuilder spec =
        new StringBuilder(
            "id: imported\ntitle: Imported\nconnection:\n  base-url: https://sor.example.com/api\n"
                + "security:\n  type: none\ntables:\n");
    tables.forEach(
        (table, columns) -> {
          spec.append("  - name: ").append(table).append("\n    columns:\n");
          spec.append("      - {name: id, type: string, primary-key: true}\n");
          columns.forEach(
              (column, type) ->
                  spec.append("      - {name: ")
                      .append(column)
                      .append(", type: ")
                      .append(type)
                      .append("}\n"));
          spec.append("    list:\n      full:\n        uri: /").append(table).append('\n');
        });
    if (!relationships.isEmpty()) {
      spec.append("relationships:\n");
      relationships.forEach(
          (from, to) ->
              spec.append("  - {from: ")
                  .append(from)
                  .append(", to: ")
                  .append(to)
                  .append(", cardinality: many-to-one}\n"));
    }
    return spec.toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
