package dev.microworks.integration;

import java.util.Objects;

/**
 * A link {@code fromTable.fromColumn → toTable.toColumn}, e.g. {@code ticket_comments.ticket_key →
 * tickets.key}, many-to-one.
 */
public record RelationshipSpec(
    String fromTable, String fromColumn, String toTable, String toColumn, Cardinality cardinality) {

  /** How many rows on each side: seen from {@code fromTable}. */
  public enum Cardinality {
    ONE_TO_MANY,
    MANY_TO_ONE
  }

  public RelationshipSpec {
    Objects.requireNonNull(fromTable, "fromTable");
    Objects.requireNonNull(fromColumn, "fromColumn");
    Objects.requireNonNull(toTable, "toTable");
    Objects.requireNonNull(toColumn, "toColumn");
    Objects.requireNonNull(cardinality, "cardinality");
  }
}
