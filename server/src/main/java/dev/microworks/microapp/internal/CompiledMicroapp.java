package dev.microworks.microapp.internal;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.ColumnType;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.RelationshipSpec;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.MicroappDefinition.Action;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.PageType;
import dev.microworks.microapp.MicroappDefinition.Related;
import dev.microworks.microapp.MicroappDefinition.Rule;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.internal.CelExpressions.Program;
import dev.microworks.microapp.internal.ConditionCompiler.Mode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A definition checked against its integration's spec, with every expression compiled: what the
 * rule engine and the pages run. Building it is also the validation: each problem is reported with
 * the path of the definition element at fault.
 */
final class CompiledMicroapp {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

  final MicroappDefinition definition;
  final IntegrationSpec spec;
  final Map<String, Program> filters = new HashMap<>();
  final Map<String, Program> pageWhere = new HashMap<>();
  final Map<String, CompiledRule> rules = new HashMap<>();

  /** A rule with its programs. */
  record CompiledRule(
      Rule rule,
      TableSpec table,
      Program trigger,
      Program state,
      Optional<Program> expireWhen,
      Optional<Audience> audienceVia) {}

  /**
   * An audience column on a related table: the rule's record's {@code fromColumn} is the key of
   * {@code table}, whose {@code emailColumn} holds the e-mail.
   */
  record Audience(String fromColumn, String table, String emailColumn) {}

  private CompiledMicroapp(MicroappDefinition definition, IntegrationSpec spec) {
    this.definition = definition;
    this.spec = spec;
  }

  /** The filter of a table: absent when every subscriber sees every record. */
  Optional<Program> filter(String table) {
    return Optional.ofNullable(filters.get(table));
  }

  /** Compiles, reporting problems; the result is usable only when none were reported. */
  static CompiledMicroapp compile(
      MicroappDefinition definition, IntegrationSpec spec, Problems problems) {
    CompiledMicroapp compiled = new CompiledMicroapp(definition, spec);
    compiled.check(problems);
    return compiled;
  }

  private void check(Problems problems) {
    definition
        .filters()
        .forEach(
            (table, source) -> {
              String path = "filters." + table;
              if (table(table, path, problems).isPresent()) {
                expression(source, path, problems).ifPresent(p -> filters.put(table, p));
              }
            });
    Set<String> pageIds = new HashSet<>();
    for (int i = 0; i < definition.pages().size(); i++) {
      Page page = definition.pages().get(i);
      String path = "pages[" + i + "]";
      if (!pageIds.add(page.id())) {
        problems.at(path + ".id", "another page has the id '" + page.id() + "'");
      }
      checkPage(page, path, problems);
    }
    Set<String> ruleIds = new HashSet<>();
    for (int i = 0; i < definition.rules().size(); i++) {
      Rule rule = definition.rules().get(i);
      String path = "notifications[" + i + "]";
      if (!ruleIds.add(rule.id())) {
        problems.at(path + ".id", "another notification has the id '" + rule.id() + "'");
      }
      checkRule(rule, path, problems);
    }
  }

  private void checkPage(Page page, String path, Problems problems) {
    Optional<TableSpec> table = table(page.table(), path + ".table", problems);
    if (table.isEmpty()) {
      return;
    }
    String listKey = page.type() == PageType.LIST ? "columns" : "fields";
    for (int c = 0; c < page.columns().size(); c++) {
      column(table.get(), page.columns().get(c), path + "." + listKey + "[" + c + "]", problems);
    }
    page.where()
        .flatMap(source -> expression(source, path + ".where", problems))
        .ifPresent(program -> pageWhere.put(page.id(), program));
    for (int s = 0; s < page.sort().size(); s++) {
      column(table.get(), page.sort().get(s).column(), path + ".sort[" + s + "].column", problems);
    }
    for (int s = 0; s < page.search().size(); s++) {
      column(table.get(), page.search().get(s), path + ".search[" + s + "]", problems);
    }
    page.detailPage()
        .ifPresent(
            detail -> {
              Optional<Page> target = definition.page(detail);
              if (target.isEmpty()
                  || target.get().type() != PageType.DETAIL
                  || !target.get().table().equals(page.table())) {
                problems.at(
                    path + ".detail-page",
                    "expected the id of a detail page of table "
                        + page.table()
                        + "; detail pages: "
                        + definition.pages().stream()
                            .filter(p -> p.type() == PageType.DETAIL)
                            .map(p -> p.id() + " (" + p.table() + ")")
                            .collect(Collectors.joining(", ")));
              }
            });
    for (int r = 0; r < page.related().size(); r++) {
      Related related = page.related().get(r);
      String at = path + ".related[" + r + "]";
      Optional<TableSpec> other = table(related.table(), at + ".table", problems);
      if (other.isEmpty()) {
        continue;
      }
      if (relationship(page.table(), related.table()).isEmpty()) {
        problems.at(
            at + ".table",
            "no relationship links "
                + page.table()
                + " and "
                + related.table()
                + " in integration "
                + spec.id()
                + "; related records must be one relationship away");
      }
      for (int c = 0; c < related.columns().size(); c++) {
        column(other.get(), related.columns().get(c), at + ".columns[" + c + "]", problems);
      }
    }
  }

  private void checkRule(Rule rule, String path, Problems problems) {
    Optional<TableSpec> found = table(rule.table(), path + ".table", problems);
    if (found.isEmpty()) {
      return;
    }
    TableSpec table = found.get();
    String trigger =
        rule.when()
            .map(
                c ->
                    ConditionCompiler.compile(c, table, Mode.TRANSITIONS, path + ".when", problems))
            .orElse("true");
    String state =
        rule.when()
            .map(
                c ->
                    ConditionCompiler.compile(
                        c, table, Mode.STATE, path + ".when", new Problems("ignored")))
            .orElse("true");
    Optional<String> expire =
        rule.expire()
            .when()
            .map(
                c ->
                    ConditionCompiler.compile(
                        c, table, Mode.TRANSITIONS, path + ".expire.when", problems));
    rule.reminder()
        .ifPresent(
            reminder -> {
              Optional<ColumnSpec> column =
                  column(table, reminder.column(), path + ".reminder.column", problems);
              column
                  .filter(c -> c.type() != ColumnType.DATE && c.type() != ColumnType.DATETIME)
                  .ifPresent(
                      c ->
                          problems.at(
                              path + ".reminder.column",
                              "a reminder counts days from a date; column "
                                  + c.name()
                                  + " is "
                                  + c.type().name().toLowerCase(java.util.Locale.ROOT)));
            });
    Optional<Audience> via = Optional.empty();
    if (rule.audience().column().isPresent()) {
      via =
          audienceColumn(
              table, rule.audience().column().get(), path + ".audience.column", problems);
    }
    checkCard(rule, table, path + ".card", problems);
    if (rule.trigger() == Trigger.UNCONDITIONAL && rule.when().isPresent()) {
      problems.at(path + ".when", "an unconditional rule has no condition");
    }
    Program triggerProgram = compileGenerated(trigger, path + ".when", problems);
    Program stateProgram = compileGenerated(state, path + ".when", problems);
    Optional<Program> expireProgram =
        expire.map(source -> compileGenerated(source, path + ".expire.when", problems));
    rules.put(
        rule.id(), new CompiledRule(rule, table, triggerProgram, stateProgram, expireProgram, via));
  }

  private void checkCard(Rule rule, TableSpec table, String path, Problems problems) {
    var card = rule.card();
    boolean hasRecord = rule.trigger() != Trigger.UNCONDITIONAL;
    for (String[] text : new String[][] {{"title", card.title()}, {"body", card.body()}}) {
      Matcher matcher = PLACEHOLDER.matcher(text[1]);
      while (matcher.find()) {
        if (!hasRecord) {
          problems.at(
              path + "." + text[0],
              "an unconditional notification has no record: '{"
                  + matcher.group(1)
                  + "}' cannot be filled");
        } else {
          column(table, matcher.group(1), path + "." + text[0], problems);
        }
      }
    }
    if (card.title().isBlank()) {
      problems.at(path + ".title", "is required");
    }
    for (int f = 0; f < card.fields().size(); f++) {
      column(table, card.fields().get(f), path + ".fields[" + f + "]", problems);
    }
    card.dueColumn()
        .flatMap(due -> column(table, due, path + ".due", problems))
        .filter(c -> c.type() != ColumnType.DATE && c.type() != ColumnType.DATETIME)
        .ifPresent(
            c ->
                problems.at(
                    path + ".due",
                    "expected a date column but "
                        + c.name()
                        + " is "
                        + c.type().name().toLowerCase(java.util.Locale.ROOT)));
    Optional<Page> page = card.page().flatMap(definition::page);
    if (card.page().isPresent() && page.isEmpty()) {
      problems.at(
          path + ".page",
          "no page has the id '"
              + card.page().get()
              + "'; pages: "
              + definition.pages().stream().map(Page::id).collect(Collectors.joining(", ")));
    }
    if (page.isPresent() && !page.get().table().equals(rule.table())) {
      problems.at(
          path + ".page",
          "page "
              + page.get().id()
              + " shows table "
              + page.get().table()
              + ", not "
              + rule.table());
    }
    for (int a = 0; a < card.actions().size(); a++) {
      String action = card.actions().get(a);
      boolean known =
          page.map(p -> p.actions().stream().map(Action::id).anyMatch(action::equals))
              .orElse(false);
      if (!known) {
        problems.at(
            path + ".actions[" + a + "]",
            "an action button must be an action of the card's page"
                + page.map(
                        p ->
                            " ("
                                + p.id()
                                + ": "
                                + p.actions().stream()
                                    .map(Action::id)
                                    .collect(Collectors.joining(", "))
                                + ")")
                    .orElse(": give card.page first"));
      }
    }
  }

  private Optional<Audience> audienceColumn(
      TableSpec table, String name, String path, Problems problems) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      column(table, name, path, problems);
      return Optional.empty();
    }
    String otherName = name.substring(0, dot);
    String columnName = name.substring(dot + 1);
    Optional<TableSpec> other = table(otherName, path, problems);
    if (other.isEmpty()) {
      return Optional.empty();
    }
    column(other.get(), columnName, path, problems);
    Optional<RelationshipSpec> link =
        spec.relationships().stream()
            .filter(r -> r.fromTable().equals(table.name()) && r.toTable().equals(otherName))
            .filter(r -> r.cardinality() == RelationshipSpec.Cardinality.MANY_TO_ONE)
            .findFirst();
    List<ColumnSpec> key = other.get().primaryKey();
    if (link.isEmpty() || key.size() != 1 || !key.get(0).name().equals(link.get().toColumn())) {
      problems.at(
          path,
          "an e-mail column of another table is read through a many-to-one relationship from "
              + table.name()
              + " to "
              + otherName
              + "'s primary key; integration "
              + spec.id()
              + " has none");
      return Optional.empty();
    }
    return Optional.of(new Audience(link.get().fromColumn(), otherName, columnName));
  }

  /** The relationship between two tables, in either direction. */
  Optional<RelationshipSpec> relationship(String a, String b) {
    return spec.relationships().stream()
        .filter(
            r ->
                (r.fromTable().equals(a) && r.toTable().equals(b))
                    || (r.fromTable().equals(b) && r.toTable().equals(a)))
        .findFirst();
  }

  private Optional<TableSpec> table(String name, String path, Problems problems) {
    Optional<TableSpec> table = spec.table(name);
    if (table.isEmpty()) {
      problems.at(
          path,
          "integration "
              + spec.id()
              + " has no table '"
              + name
              + "'; it has "
              + spec.tables().stream().map(TableSpec::name).collect(Collectors.joining(", ")));
    }
    return table;
  }

  private static Optional<ColumnSpec> column(
      TableSpec table, String name, String path, Problems problems) {
    Optional<ColumnSpec> column = table.column(name).filter(c -> !c.ignored());
    if (column.isEmpty()) {
      problems.at(
          path,
          "table "
              + table.name()
              + " has no stored column '"
              + name
              + "'; it has "
              + table.storedColumns().stream()
                  .map(ColumnSpec::name)
                  .collect(Collectors.joining(", ")));
    }
    return column;
  }

  private static Optional<Program> expression(String source, String path, Problems problems) {
    try {
      return Optional.of(CelExpressions.compile(source));
    } catch (IllegalArgumentException e) {
      problems.at(path, "not a valid CEL condition over record and user: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Program compileGenerated(String source, String path, Problems problems) {
    try {
      return CelExpressions.compile(source);
    } catch (IllegalArgumentException e) {
      // only when a term was already reported (its placeholder "false" keeps the rest valid)
      problems.at(path, "cannot be compiled: " + e.getMessage());
      return CelExpressions.compile("false");
    }
  }
}
