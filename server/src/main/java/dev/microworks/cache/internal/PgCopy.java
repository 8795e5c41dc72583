package dev.microworks.cache.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL COPY (text format) on the current transaction's connection: the fastest way to write
 * many new rows, and still all-or-nothing with the transaction around it.
 */
final class PgCopy {

  private PgCopy() {}

  /** Runs {@code copySql} ({@code COPY ... FROM STDIN}) with the given text-format rows. */
  static void copy(DataSource dataSource, String copySql, CharSequence rows) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(copySql, new StringReader(rows.toString()));
    } catch (SQLException | IOException e) {
      // the server's full message quotes the offending row (record data): keep only what failed
      String reason =
          e instanceof org.postgresql.util.PSQLException psql
                  && psql.getServerErrorMessage() != null
              ? psql.getServerErrorMessage().getMessage()
              : e.getClass().getSimpleName();
      throw new IllegalStateException("writing records to the cache failed: " + reason);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Appends one field: backslash, tab, newline and carriage return escaped; null as \N. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}
