package dev.microworks.microapp.internal;

import dev.microworks.integration.yaml.MapReader;
import dev.microworks.integration.yaml.Problems;
import dev.microworks.integration.yaml.Yamls;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.microapp.MicroappDefinition;
import dev.microworks.microapp.MicroappDefinition.Action;
import dev.microworks.microapp.MicroappDefinition.All;
import dev.microworks.microapp.MicroappDefinition.Any;
import dev.microworks.microapp.MicroappDefinition.Audience;
import dev.microworks.microapp.MicroappDefinition.Card;
import dev.microworks.microapp.MicroappDefinition.Comparator;
import dev.microworks.microapp.MicroappDefinition.Condition;
import dev.microworks.microapp.MicroappDefinition.Expiry;
import dev.microworks.microapp.MicroappDefinition.FormField;
import dev.microworks.microapp.MicroappDefinition.Literal;
import dev.microworks.microapp.MicroappDefinition.Now;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.PageType;
import dev.microworks.microapp.MicroappDefinition.Priority;
import dev.microworks.microapp.MicroappDefinition.Related;
import dev.microworks.microapp.MicroappDefinition.Reminder;
import dev.microworks.microapp.MicroappDefinition.Rule;
import dev.microworks.microapp.MicroappDefinition.Sort;
import dev.microworks.microapp.MicroappDefinition.Subscribers;
import dev.microworks.microapp.MicroappDefinition.Term;
import dev.microworks.microapp.MicroappDefinition.TodayPlusDays;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.MicroappDefinition.Value;
import dev.microworks.microapp.MicroappDefinition.Verb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a microapp definition (format: {@code docs/microapps.md}). Structure only; references to
 * the integration are checked by {@link DefinitionValidator}.
 */
final class DefinitionParser {

  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  static final Map<String, Verb> VERBS =
      ordered(
          "is",
          Verb.IS,
          "becomes",
          Verb.BECOMES,
          "changes",
          Verb.CHANGES,
          "no-change",
          Verb.NO_CHANGE,
          "increases-by",
          Verb.INCREASES_BY);

  static final Map<String, Comparator> COMPARATORS =
      ordered(
          "equal-to",
          Comparator.EQUAL_TO,
          "not-equal-to",
          Comparator.NOT_EQUAL_TO,
          "greater",
          Comparator.GREATER,
          "greater-or-equal",
          Comparator.GREATER_OR_EQUAL,
          "less",
          Comparator.LESS,
          "less-or-equal",
          Comparator.LESS_OR_EQUAL,
          "contains",
          Comparator.CONTAINS,
          "empty",
          Comparator.EMPTY,
          "not-empty",
          Comparator.NOT_EMPTY);

  static final Map<String, Trigger> TRIGGERS =
      ordered(
          "new",
          Trigger.NEW,
          "change",
          Trigger.CHANGE,
          "delete",
          Trigger.DELETE,
          "reminder",
          Trigger.REMINDER,
          "query",
          Trigger.QUERY,
          "unconditional",
          Trigger.UNCONDITIONAL);

  private static final Map<String, Priority> PRIORITIES =
      ordered("low", Priority.LOW, "normal", Priority.NORMAL, "high", Priority.HIGH);
  private static final Map<String, PageType> PAGE_TYPES =
      ordered("list", PageType.LIST, "detail", PageType.DETAIL);
  private static final Map<String, String> FORM_TYPES =
      ordered("text", "text", "textarea", "textarea", "number", "number", "date", "date")
      /* choices come later with actions */ ;

  private final Problems problems;

  private DefinitionParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * Parses the structure; {@code check} then validates references with the same problem list.
   *
   * @throws InvalidMicroappException listing every problem
   */
  static MicroappDefinition parse(
      String yaml,
      String sourceName,
      java.util.function.BiConsumer<MicroappDefinition, Problems> check) {
    Problems problems = new Problems(sourceName);
    Optional<Node> root = Yamls.compose(yaml, problems, "the definition");
    Optional<MicroappDefinition> definition =
        root.flatMap(node -> MapReader.of(problems, "", node))
            .map(top -> top.read(new DefinitionParser(problems)::definition));
    if (definition.isPresent() && problems.isEmpty()) {
      check.accept(definition.get(), problems);
    }
    if (!problems.isEmpty() || definition.isEmpty()) {
      throw new InvalidMicroappException(problems.sorted());
    }
    return definition.get();
  }

  private MicroappDefinition definition(MapReader top) {
    String id = slug(top, "id");
    String title = top.requiredString("title");
    String integration = top.requiredString("integration");
    Subscribers subscribers =
        top.map("subscribers")
            .map(map -> map.read(this::subscribers))
            .orElseGet(
                () -> {
                  top.missing("subscribers");
                  return new Subscribers(List.of(), List.of(), false);
                });
    Map<String, String> filters = top.stringMap("filters", name -> Optional.empty());
    List<Page> pages = top.list("pages", this::page);
    List<Rule> rules = top.list("notifications", this::rule);
    return new MicroappDefinition(id, title, integration, subscribers, filters, pages, rules);
  }

  private Subscribers subscribers(MapReader map) {
    List<String> users = map.strings("users");
    List<String> groups = map.strings("groups");
    boolean all = map.bool("all-users", false);
    if (users.isEmpty() && groups.isEmpty() && !all) {
      problems.at(
          map.path, "names nobody: give users (e-mail addresses), groups, or all-users: true");
    }
    return new Subscribers(
        users.stream().map(email -> email.trim().toLowerCase(java.util.Locale.ROOT)).toList(),
        groups,
        all);
  }

  private Page page(MapReader map) {
    String id = slug(map, "id");
    PageType type = map.choice("type", PAGE_TYPES, PageType.LIST);
    if (!map.has("type")) {
      map.missing("type");
    }
    String title = map.requiredString("title");
    String table = map.requiredString("table");
    List<String> columns = type == PageType.LIST ? map.strings("columns") : map.strings("fields");
    if (columns.isEmpty()) {
      map.missing(type == PageType.LIST ? "columns" : "fields");
    }
    Optional<String> where = map.string("where");
    List<Sort> sort =
        map.list(
            "sort",
            entry -> new Sort(entry.requiredString("column"), entry.bool("descending", false)));
    List<String> search = map.strings("search");
    Optional<String> detail = map.string("detail-page");
    List<Related> related =
        map.list(
            "related",
            entry ->
                new Related(
                    entry.requiredString("table"),
                    entry.string("via").orElse(""),
                    entry.strings("columns")));
    List<Action> actions = map.list("actions", this::action);
    return new Page(id, type, title, table, columns, where, sort, search, detail, related, actions);
  }

  private Action action(MapReader map) {
    String id = slug(map, "id");
    String label = map.requiredString("label");
    List<FormField> form =
        map.list(
            "form",
            field ->
                new FormField(
                    field.requiredString("name"),
                    field.string("label").orElse(""),
                    field.choice("type", FORM_TYPES, "text"),
                    field.bool("required", false)));
    return new Action(id, label, form);
  }

  private Rule rule(MapReader map) {
    String id = slug(map, "id");
    String table = map.requiredString("table");
    Trigger trigger = map.choice("trigger", TRIGGERS, Trigger.NEW);
    if (!map.has("trigger")) {
      map.missing("trigger");
    }
    boolean enabled = map.bool("enabled", true);
    Optional<Condition> when = map.map("when").map(this::condition);
    Optional<Reminder> reminder = map.map("reminder").map(entry -> entry.read(this::reminder));
    Optional<Duration> every = map.duration("every", false);
    Audience audience =
        map.map("audience")
            .map(entry -> entry.read(this::audience))
            .orElseGet(
                () -> {
                  map.missing("audience");
                  return new Audience(Optional.empty(), List.of(), false);
                });
    Card card =
        map.map("card")
            .map(entry -> entry.read(this::card))
            .orElseGet(
                () -> {
                  map.missing("card");
                  return new Card(
                      "",
                      "",
                      List.of(),
                      Priority.NORMAL,
                      Optional.empty(),
                      List.of(),
                      Optional.empty());
                });
    Expiry expire =
        map.map("expire")
            .map(entry -> entry.read(this::expiry))
            .orElse(new Expiry(true, true, Optional.empty()));
    if (trigger == Trigger.REMINDER && reminder.isEmpty()) {
      map.missing("reminder");
    }
    if (trigger != Trigger.REMINDER && reminder.isPresent()) {
      problems.at(map.child("reminder"), "only a rule with trigger: reminder has a reminder");
    }
    if ((trigger == Trigger.QUERY || trigger == Trigger.UNCONDITIONAL) && every.isEmpty()) {
      map.missing("every");
    }
    if (trigger.onChange() && every.isPresent()) {
      problems.at(
          map.child("every"),
          "a rule with trigger: "
              + trigger.name().toLowerCase(java.util.Locale.ROOT)
              + " runs on every change; only query and unconditional rules have a schedule");
    }
    every
        .filter(d -> d.compareTo(Duration.ofMinutes(1)) < 0)
        .ifPresent(d -> problems.at(map.child("every"), "must be at least PT1M"));
    if (trigger == Trigger.UNCONDITIONAL && audience.column().isPresent()) {
      problems.at(
          map.child("audience.column"),
          "an unconditional rule has no record to read an e-mail from: use groups or"
              + " all-subscribers");
    }
    return new Rule(id, table, trigger, enabled, when, reminder, every, audience, card, expire);
  }

  private Reminder reminder(MapReader map) {
    String column = map.requiredString("column");
    boolean before = map.has("days-before");
    boolean after = map.has("days-after");
    if (before == after) {
      problems.at(map.path, "give exactly one of days-before and days-after");
      return new Reminder(column, 0);
    }
    int days = map.integer(before ? "days-before" : "days-after", 0, 0, 3650);
    return new Reminder(column, before ? -days : days);
  }

  private Audience audience(MapReader map) {
    Optional<String> column = map.string("column");
    List<String> groups = map.strings("groups");
    boolean all = map.bool("all-subscribers", false);
    int given = (column.isPresent() ? 1 : 0) + (groups.isEmpty() ? 0 : 1) + (all ? 1 : 0);
    if (given != 1) {
      problems.at(
          map.path,
          "give exactly one of column (an e-mail column), groups, or all-subscribers: true");
    }
    return new Audience(column, groups, all);
  }

  private Card card(MapReader map) {
    return new Card(
        map.requiredString("title"),
        map.string("body").orElse(""),
        map.strings("fields"),
        map.choice("priority", PRIORITIES, Priority.NORMAL),
        map.string("page"),
        map.strings("actions"),
        map.string("due"));
  }

  private Expiry expiry(MapReader map) {
    return new Expiry(
        map.bool("on-delete", true),
        map.bool("when-no-longer-matching", true),
        map.map("when").map(this::condition));
  }

  /** A condition node: {@code all: [...]}, {@code any: [...]}, or a term. */
  private Condition condition(MapReader map) {
    if (map.has("all") || map.has("any")) {
      String key = map.has("all") ? "all" : "any";
      if (map.has("all") && map.has("any")) {
        problems.at(map.path, "give all or any, not both: nest one inside the other");
      }
      List<Condition> children = new ArrayList<>();
      List<Condition> read = map.list(key, this::condition);
      children.addAll(read);
      map.finish();
      if (children.isEmpty()) {
        problems.at(map.child(key), "expected at least one condition");
      }
      return key.equals("all") ? new All(children) : new Any(children);
    }
    Term term = term(map);
    map.finish();
    return term;
  }

  private Term term(MapReader map) {
    String column = map.requiredString("column");
    List<String> verbs = VERBS.keySet().stream().filter(map::has).toList();
    if (verbs.size() != 1) {
      problems.at(
          map.path,
          (verbs.isEmpty() ? "a term needs" : "a term has exactly one of ")
              + (verbs.isEmpty() ? " one of " : "")
              + String.join(", ", VERBS.keySet())
              + (verbs.isEmpty() ? "" : ", but this one has " + String.join(" and ", verbs)));
      return new Term(column, Verb.IS, Optional.empty(), Optional.empty());
    }
    String verbName = verbs.get(0);
    Verb verb = VERBS.get(verbName);
    Optional<Comparator> comparator = Optional.empty();
    Optional<Value> value = Optional.empty();
    switch (verb) {
      case IS, BECOMES -> {
        comparator = Optional.of(map.choice(verbName, COMPARATORS, Comparator.EQUAL_TO));
        value = value(map);
        boolean needsValue =
            comparator.get() != Comparator.EMPTY && comparator.get() != Comparator.NOT_EMPTY;
        if (needsValue && value.isEmpty()) {
          problems.at(
              map.path,
              "'"
                  + verbName
                  + ": "
                  + comparator.get().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                  + "' compares with something: give value, today-plus-days,"
                  + " today-minus-days or now: true");
        }
        if (!needsValue && value.isPresent()) {
          problems.at(map.path, "empty and not-empty take no value");
        }
      }
      case CHANGES, NO_CHANGE -> {
        if (!map.bool(verbName, true)) {
          problems.at(map.child(verbName), "write '" + verbName + ": true' or leave the term out");
        }
        if (value(map).isPresent()) {
          problems.at(
              map.path, "'" + verbName + "' takes no value; to test the new value use 'becomes'");
        }
      }
      case INCREASES_BY -> {
        String text = map.string(verbName).orElse("0");
        try {
          if (Double.parseDouble(text) <= 0) {
            problems.at(map.child(verbName), "expected a positive number but was '" + text + "'");
          }
        } catch (NumberFormatException e) {
          problems.at(map.child(verbName), "expected a positive number but was '" + text + "'");
        }
        value = Optional.of(new Literal(text));
      }
      default -> throw new IllegalStateException(verb.name());
    }
    return new Term(column, verb, comparator, value);
  }

  private Optional<Value> value(MapReader map) {
    List<Value> values = new ArrayList<>();
    map.string("value").ifPresent(text -> values.add(new Literal(text)));
    if (map.has("today-plus-days")) {
      values.add(new TodayPlusDays(map.integer("today-plus-days", 0, 0, 36500)));
    }
    if (map.has("today-minus-days")) {
      values.add(new TodayPlusDays(-map.integer("today-minus-days", 0, 0, 36500)));
    }
    if (map.bool("now", false)) {
      values.add(new Now());
    }
    if (values.size() > 1) {
      problems.at(map.path, "give one of value, today-plus-days, today-minus-days, now");
    }
    return values.stream().findFirst();
  }

  private String slug(MapReader map, String key) {
    String value = map.requiredString(key);
    if (!value.isEmpty() && !SLUG.matcher(value).matches()) {
      problems.at(
          map.child(key),
          "expected lower-case letters, digits and dashes (at most 64) but was '" + value + "'");
    }
    return value;
  }

  @SafeVarargs
  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> ordered(Object... pairs) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (V) pairs[i + 1]);
    }
    return map;
  }
}
