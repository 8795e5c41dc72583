package dev.microworks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cache table and how its rows are obtained.
 *
 * <ul>
 *   <li>{@link MergeStrategy#NONE}: rows are the records of the {@code list} endpoint. With a
 *       {@code parentTable}, the list request is sent once per parent row and its template uses
 *       {@code {parent.<column>}}.
 *   <li>{@link MergeStrategy#SUB_LIST}: rows are the elements of the array at {@code subListPath}
 *       in each record of {@code parentTable}; no request of its own.
 *   <li>{@link MergeStrategy#DETAIL}: each listed record is completed by the {@code detail}
 *       request, whose template uses the table's own columns ({@code {key}}).
 * </ul>
 *
 * @param name SQL-ish identifier {@code [a-z_][a-z0-9_]*}, unique in the spec
 * @param columns declared columns; undeclared attributes are never stored
 * @param merge where rows come from
 * @param parentTable the parent table for sub-lists and per-parent requests
 * @param subListPath dot path of the nested array in a parent record (sub-list only)
 * @param list the LIST endpoint (absent for sub-lists)
 * @param detail the DETAIL endpoint: one record by key; also used to re-read before actions
 * @param rootPath dot path of the records array in a response; empty: the body is the array
 * @param pagination how the list endpoint pages
 * @param incremental the last-synchronisation parameter of incremental requests
 * @param retention how long rows stay in the cache
 * @param syncWindow records last updated longer ago than this are skipped (default 90 days)
 * @param updatedColumn the {@code datetime} column holding when the SoR last changed a record: the
 *     cache keeps it as the record's SoR timestamp, and the sync window and time-based retention
 *     are measured against it; without it no record is skipped by the window
 */
public record TableSpec(
    String name,
    List<ColumnSpec> columns,
    MergeStrategy merge,
    Optional<String> parentTable,
    Optional<String> subListPath,
    Optional<EndpointSpec> list,
    Optional<EndpointSpec> detail,
    String rootPath,
    PaginationSpec pagination,
    Optional<IncrementalSpec> incremental,
    RetentionSpec retention,
    Duration syncWindow,
    Optional<String> updatedColumn) {

  public TableSpec {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(merge, "merge");
    Objects.requireNonNull(parentTable, "parentTable");
    Objects.requireNonNull(subListPath, "subListPath");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(pagination, "pagination");
    Objects.requireNonNull(incremental, "incremental");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(syncWindow, "syncWindow");
    Objects.requireNonNull(updatedColumn, "updatedColumn");
  }

  /** The primary-key columns in declaration order; a parsed spec has at least one. */
  public List<ColumnSpec> primaryKey() {
    return columns.stream().filter(ColumnSpec::primaryKey).toList();
  }

  /** The columns that are stored, i.e. not {@code ignored}. */
  public List<ColumnSpec> storedColumns() {
    return columns.stream().filter(column -> !column.ignored()).toList();
  }

  /** The column called {@code name}, if declared. */
  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(column -> column.name().equals(name)).findFirst();
  }
}
