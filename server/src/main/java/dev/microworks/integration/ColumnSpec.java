package dev.microworks.integration;

import java.util.Objects;

/**
 * One column of a table.
 *
 * <p>{@code path} is a dot path relative to one record: {@code fields.status} reads {@code
 * record.fields.status}; {@code \.} is a literal dot inside a key ({@code @odata\.etag}); a path
 * starting {@code $parent.} names a column of the parent table's row ({@code $parent.key}).
 *
 * @param name SQL-ish identifier {@code [a-z_][a-z0-9_]*}, unique in the table
 * @param path where the value is in a record
 * @param type the stored type
 * @param primaryKey part of the table's key (never ignored)
 * @param ignored declared (so it is documented) but not stored
 * @param lookup used for audience and filter lookups; stored as a keyed blind index
 */
public record ColumnSpec(
    String name,
    String path,
    ColumnType type,
    boolean primaryKey,
    boolean ignored,
    boolean lookup) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }
}
