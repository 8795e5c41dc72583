package dev.microworks.integration;

/** The type a column's value is converted to when it is stored. */
public enum ColumnType {
  /** Text (Citrix STRING; also BINARY, which Citrix used for long text and URLs). */
  STRING,
  /** A signed 64-bit integer (Citrix INTEGER and LONG). */
  INTEGER,
  /** An arbitrary-precision decimal (Citrix DOUBLE, and amounts). */
  DECIMAL,
  BOOLEAN,
  /** A calendar date, ISO-8601 {@code 2024-05-31}. */
  DATE,
  /** An instant, ISO-8601 with offset or epoch milliseconds (Citrix TIMESTAMP). */
  DATETIME,
  /** A local time of day, ISO-8601 {@code 08:30[:00]} (Citrix TIME). */
  TIME,
  /** Any JSON value, stored as JSON. */
  JSON
}
