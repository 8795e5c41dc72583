package dev.microworks.microapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A microapp as its YAML definition describes it (format: {@code docs/microapps.md}), every
 * reference checked against the integration spec.
 *
 * @param id lower-case letters, digits and dashes
 * @param title shown to users
 * @param integration the integration whose cache it reads
 * @param subscribers who may see it
 * @param filters per table, the per-user filter (CEL over {@code record} and {@code user})
 * @param pages list and detail pages
 * @param rules notification rules
 */
public record MicroappDefinition(
    String id,
    String title,
    String integration,
    Subscribers subscribers,
    Map<String, String> filters,
    List<Page> pages,
    List<Rule> rules) {

  public MicroappDefinition {
    Objects.requireNonNull(id, "id");
    filters = Map.copyOf(filters);
    pages = List.copyOf(pages);
    rules = List.copyOf(rules);
  }

  public Optional<Page> page(String pageId) {
    return pages.stream().filter(page -> page.id().equals(pageId)).findFirst();
  }

  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
  }

  /** Who may see a microapp: these users (by e-mail), the members of these groups, or everyone. */
  public record Subscribers(List<String> users, List<String> groups, boolean allUsers) {
    public Subscribers {
      users = List.copyOf(users);
      groups = List.copyOf(groups);
    }
  }

  /** A page: a list of a table's records or one record's details. */
  public record Page(
      String id,
      PageType type,
      String title,
      String table,
      List<String> columns,
      Optional<String> where,
      List<Sort> sort,
      List<String> search,
      Optional<String> detailPage,
      List<Related> related,
      List<Action> actions) {
    public Page {
      columns = List.copyOf(columns);
      sort = List.copyOf(sort);
      search = List.copyOf(search);
      related = List.copyOf(related);
      actions = List.copyOf(actions);
    }
  }

  public enum PageType {
    LIST,
    DETAIL
  }

  public record Sort(String column, boolean descending) {}

  /**
   * Records of another table one relationship away, shown on a detail page.
   *
   * @param table the related table
   * @param via the relationship used, as {@code from_table.column}
   * @param columns what to show
   */
  public record Related(String table, String via, List<String> columns) {
    public Related {
      columns = List.copyOf(columns);
    }
  }

  /** A button on a page or card, with the form it opens. */
  public record Action(String id, String label, List<FormField> form) {
    public Action {
      form = List.copyOf(form);
    }
  }

  public record FormField(String name, String label, String type, boolean required) {}

  /** A notification rule. */
  public record Rule(
      String id,
      String table,
      Trigger trigger,
      boolean enabled,
      Optional<Condition> when,
      Optional<Reminder> reminder,
      Optional<Duration> every,
      Audience audience,
      Card card,
      Expiry expire) {}

  /** The Citrix event types. */
  public enum Trigger {
    NEW,
    CHANGE,
    DELETE,
    REMINDER,
    QUERY,
    UNCONDITIONAL;

    /** Evaluated on changes, as opposed to on a schedule. */
    public boolean onChange() {
      return this == NEW || this == CHANGE || this == DELETE;
    }
  }

  /** N days before (negative) or after (positive) the date in {@code column}. */
  public record Reminder(String column, int daysOffset) {}

  /** A condition tree: terms combined with AND ({@link All}) and OR ({@link Any}). */
  public sealed interface Condition permits Term, All, Any {}

  public record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }
  }

  public record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * One term: {@code column <verb> [comparator value]}.
   *
   * @param column the column of the rule's table
   * @param verb is, becomes, changes, no-change or increases-by
   * @param comparator for is/becomes
   * @param value the value compared with, if any
   */
  public record Term(
      String column, Verb verb, Optional<Comparator> comparator, Optional<Value> value)
      implements Condition {}

  public enum Verb {
    IS,
    BECOMES,
    CHANGES,
    NO_CHANGE,
    INCREASES_BY
  }

  public enum Comparator {
    EQUAL_TO,
    NOT_EQUAL_TO,
    GREATER,
    GREATER_OR_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    CONTAINS,
    EMPTY,
    NOT_EMPTY
  }

  /** What a term compares with. */
  public sealed interface Value permits Literal, Now, TodayPlusDays {}

  /** A literal, as written; typed by the column. */
  public record Literal(String text) implements Value {}

  /** The current instant. */
  public record Now() implements Value {}

  /** The start of today (rule time zone: UTC) plus {@code days}, which may be negative. */
  public record TodayPlusDays(int days) implements Value {}

  /**
   * Who is notified, before intersecting with the subscribers and the per-user filter.
   *
   * @param column a column holding the user's e-mail, either of the rule's table or, as {@code
   *     table.column}, of a table one many-to-one relationship away
   * @param groups members of these groups
   * @param allSubscribers every subscriber
   */
  public record Audience(Optional<String> column, List<String> groups, boolean allSubscribers) {
    public Audience {
      groups = List.copyOf(groups);
    }
  }

  public enum Priority {
    LOW,
    NORMAL,
    HIGH
  }

  /**
   * What a notification card shows.
   *
   * @param title with {@code {column}} placeholders
   * @param body with {@code {column}} placeholders
   * @param fields columns shown as label/value pairs
   * @param priority the rule's priority
   * @param page the page opened from the card
   * @param actions action ids of the go-to page shown as buttons
   * @param dueColumn a date column whose proximity raises the score
   */
  public record Card(
      String title,
      String body,
      List<String> fields,
      Priority priority,
      Optional<String> page,
      List<String> actions,
      Optional<String> dueColumn) {
    public Card {
      fields = List.copyOf(fields);
      actions = List.copyOf(actions);
    }
  }

  /**
   * When a notification expires.
   *
   * @param onDelete when its record is deleted
   * @param whenNoLongerMatching when its record no longer satisfies the rule's state terms
   * @param when also when this condition holds for a change of the record
   */
  public record Expiry(boolean onDelete, boolean whenNoLongerMatching, Optional<Condition> when) {}
}
