package dev.microworks.integration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated integration spec: how to reach one system of record, how to authenticate, which
 * tables to fill from which endpoints, and when to synchronise. Obtain one from {@link
 * IntegrationSpecs#parse}, which guarantees every cross-reference (parent tables, relationship
 * columns, template parameters) resolves.
 *
 * @param id lower-case slug {@code [a-z0-9][a-z0-9-]*}, unique per tenant
 * @param title human-readable name
 * @param connection base URL, timeouts, TLS and network routing
 * @param serviceSecurity how the service account authenticates data retrieval
 * @param userSecurity how a user authorises actions under their own identity, if actions exist
 * @param tables the tables to synchronise, in declaration order
 * @param relationships links between table columns
 * @param schedules when full and incremental synchronisations run
 */
public record IntegrationSpec(
    String id,
    String title,
    ConnectionSpec connection,
    SecuritySpec serviceSecurity,
    Optional<UserSecuritySpec> userSecurity,
    List<TableSpec> tables,
    List<RelationshipSpec> relationships,
    ScheduleSpec schedules) {

  public IntegrationSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(serviceSecurity, "serviceSecurity");
    Objects.requireNonNull(userSecurity, "userSecurity");
    tables = List.copyOf(tables);
    relationships = List.copyOf(relationships);
    Objects.requireNonNull(schedules, "schedules");
  }

  /** The table called {@code name}, if declared. */
  public Optional<TableSpec> table(String name) {
    return tables.stream().filter(table -> table.name().equals(name)).findFirst();
  }
}
