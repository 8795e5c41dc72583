package dev.microworks.microapp.internal;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.ColumnType;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.microapp.MicroappDefinition.All;
import dev.microworks.microapp.MicroappDefinition.Any;
import dev.microworks.microapp.MicroappDefinition.Comparator;
import dev.microworks.microapp.MicroappDefinition.Condition;
import dev.microworks.microapp.MicroappDefinition.Literal;
import dev.microworks.microapp.MicroappDefinition.Now;
import dev.microworks.microapp.MicroappDefinition.Term;
import dev.microworks.microapp.MicroappDefinition.TodayPlusDays;
import dev.microworks.microapp.MicroappDefinition.Value;
import dev.microworks.microapp.MicroappDefinition.Verb;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a condition tree to CEL source over {@code record}, {@code before}, {@code now} and
 * {@code today} (see {@link CelExpressions}), checking every term against the table's columns.
 *
 * <p>Terms: {@code is} tests the new value; {@code becomes} holds when the new value passes and the
 * old one did not (a new record has none); {@code changes} / {@code no-change} compare old and new;
 * {@code increases-by N} holds when a number grew by at least N.
 */
final class ConditionCompiler {

  /**
   * Whether transitions count ({@link #TRANSITIONS}) or only the record's state ({@link #STATE}).
   */
  enum Mode {
    TRANSITIONS,
    /** For expiry: becomes is read as is; changes, no-change and increases-by as true. */
    STATE
  }

  private static final Set<ColumnType> ORDERED =
      EnumSet.of(
          ColumnType.INTEGER,
          ColumnType.DECIMAL,
          ColumnType.DATE,
          ColumnType.DATETIME,
          ColumnType.STRING,
          ColumnType.TIME);
  private static final Set<ColumnType> NUMBERS = EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL);
  private static final Set<ColumnType> DATES = EnumSet.of(ColumnType.DATE, ColumnType.DATETIME);

  private final TableSpec table;
  private final Problems problems;
  private final Mode mode;

  private ConditionCompiler(TableSpec table, Problems problems, Mode mode) {
    this.table = table;
    this.problems = problems;
    this.mode = mode;
  }

  /** The CEL source of {@code condition}; problems are reported under {@code path}. */
  static String compile(
      Condition condition, TableSpec table, Mode mode, String path, Problems problems) {
    return new ConditionCompiler(table, problems, mode).node(condition, path);
  }

  private String node(Condition condition, String path) {
    if (condition instanceof All all) {
      return join(all.conditions(), path + ".all", " && ");
    }
    if (condition instanceof Any any) {
      return join(any.conditions(), path + ".any", " || ");
    }
    return term((Term) condition, path);
  }

  private String join(List<Condition> children, String path, String operator) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      parts.add("(" + node(children.get(i), path + "[" + i + "]") + ")");
    }
    return parts.isEmpty() ? "true" : String.join(operator, parts);
  }

  private String term(Term term, String path) {
    ColumnSpec column = table.column(term.column()).filter(c -> !c.ignored()).orElse(null);
    if (column == null) {
      problems.at(
          path + ".column",
          "table "
              + table.name()
              + " has no stored column '"
              + term.column()
              + "'; it has "
              + table.storedColumns().stream()
                  .map(ColumnSpec::name)
                  .collect(Collectors.joining(", ")));
      return "false";
    }
    String now = "record[" + quote(column.name()) + "]";
    String old = "before[" + quote(column.name()) + "]";
    String hadOld = quote(column.name()) + " in before";
    switch (term.verb()) {
      case IS:
        return compare(column, now, term, path);
      case BECOMES:
        if (mode == Mode.STATE) {
          return compare(column, now, term, path);
        }
        return "("
            + compare(column, now, term, path)
            + ") && !("
            + hadOld
            + " && ("
            + compare(column, old, term, path)
            + "))";
      case CHANGES:
        return mode == Mode.STATE
            ? "true"
            : "(" + hadOld + " ? " + old + " != " + now + " : " + now + " != null)";
      case NO_CHANGE:
        return mode == Mode.STATE ? "true" : "(" + hadOld + " && " + old + " == " + now + ")";
      case INCREASES_BY:
        if (!NUMBERS.contains(column.type())) {
          problems.at(
              path + ".increases-by",
              "column "
                  + column.name()
                  + " is "
                  + typeName(column)
                  + "; increases-by needs a number");
          return "false";
        }
        if (mode == Mode.STATE) {
          return "true";
        }
        String by = ((Literal) term.value().orElseThrow()).text();
        return "("
            + hadOld
            + " && "
            + old
            + " != null && "
            + now
            + " != null && double("
            + now
            + ") - double("
            + old
            + ") >= "
            + number(by, true)
            + ")";
      default:
        throw new IllegalStateException(term.verb().name());
    }
  }

  private String compare(ColumnSpec column, String operand, Term term, String path) {
    Comparator comparator = term.comparator().orElse(Comparator.EQUAL_TO);
    String verb = term.verb() == Verb.IS ? "is" : "becomes";
    switch (comparator) {
      case EMPTY:
        return column.type() == ColumnType.STRING
            ? "(" + operand + " == null || " + operand + " == \"\")"
            : operand + " == null";
      case NOT_EMPTY:
        return column.type() == ColumnType.STRING
            ? "(" + operand + " != null && " + operand + " != \"\")"
            : operand + " != null";
      default:
        break;
    }
    String value = value(column, term.value().orElseThrow(), path);
    switch (comparator) {
      case EQUAL_TO:
        return operand + " == " + value;
      case NOT_EQUAL_TO:
        return operand + " != " + value;
      case CONTAINS:
        if (column.type() != ColumnType.STRING) {
          problems.at(
              path + "." + verb,
              "contains compares text; column " + column.name() + " is " + typeName(column));
          return "false";
        }
        return "(" + operand + " != null && " + operand + ".contains(" + value + "))";
      default:
        if (!ORDERED.contains(column.type())) {
          problems.at(
              path + "." + verb,
              name(comparator)
                  + " needs an ordered column (number, date, text); column "
                  + column.name()
                  + " is "
                  + typeName(column));
          return "false";
        }
        String operator =
            comparator == Comparator.GREATER
                ? ">"
                : comparator == Comparator.GREATER_OR_EQUAL
                    ? ">="
                    : comparator == Comparator.LESS ? "<" : "<=";
        return "(" + operand + " != null && " + operand + " " + operator + " " + value + ")";
    }
  }

  private String value(ColumnSpec column, Value value, String path) {
    if (value instanceof Now) {
      requireDate(column, path, "now");
      return "now";
    }
    if (value instanceof TodayPlusDays days) {
      requireDate(column, path, days.days() < 0 ? "today-minus-days" : "today-plus-days");
      return "(today + duration(\"" + (days.days() * 24L) + "h\"))";
    }
    String text = ((Literal) value).text();
    switch (column.type()) {
      case INTEGER:
      case DECIMAL:
        String number = number(text, column.type() == ColumnType.DECIMAL);
        if (number == null) {
          problems.at(
              path + ".value",
              "column "
                  + column.name()
                  + " is "
                  + typeName(column)
                  + " but '"
                  + text
                  + "' is not a number");
          return "0";
        }
        return number;
      case BOOLEAN:
        if (!text.equals("true") && !text.equals("false")) {
          problems.at(
              path + ".value",
              "column "
                  + column.name()
                  + " is boolean; expected true or false but was '"
                  + text
                  + "'");
          return "false";
        }
        return text;
      case DATE:
      case DATETIME:
        java.time.Instant instant = RecordValues.instant(text);
        if (instant == null) {
          problems.at(
              path + ".value",
              "column "
                  + column.name()
                  + " is a "
                  + typeName(column)
                  + "; expected an ISO date (2026-01-31) or date-time (2026-01-31T09:00:00Z, UTC when no offset) but"
                  + " was '"
                  + text
                  + "'");
          return "now";
        }
        return "timestamp(\"" + instant + "\")";
      default:
        return quote(text);
    }
  }

  private void requireDate(ColumnSpec column, String path, String what) {
    if (!DATES.contains(column.type())) {
      problems.at(
          path + "." + what,
          what + " compares with a date; column " + column.name() + " is " + typeName(column));
    }
  }

  /** A CEL number literal (doubles for decimals), or null when {@code text} is no number. */
  private static String number(String text, boolean decimal) {
    try {
      if (!decimal) {
        return Long.toString(Long.parseLong(text.trim()));
      }
      double value = Double.parseDouble(text.trim());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return null;
      }
      return Double.toString(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  private static String typeName(ColumnSpec column) {
    return column.type().name().toLowerCase(Locale.ROOT);
  }

  private static String name(Comparator comparator) {
    return comparator.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
