package dev.microworks.cache.internal;

import dev.microworks.cache.IncomingRecord;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Writes records into {@code cache_staging} with PostgreSQL's COPY (text format). */
final class StagingCopy {

  private static final String COPY =
      "COPY cache_staging (staging_id, record_key, content_hash, payload, sor_updated_at) FROM STDIN";
  private static final HexFormat HEX = HexFormat.of();

  private StagingCopy() {}

  record Row(IncomingRecord record, byte[] hash) {}

  static void copy(DataSource dataSource, UUID stagingId, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(rows.size() * 256);
    String run = stagingId.toString();
    for (Row row : rows) {
      text.append(run).append('\t');
      escape(text, row.record().key());
      text.append("\t\\\\x").append(HEX.formatHex(row.hash())).append('\t');
      escape(text, row.record().payload());
      text.append('\t');
      text.append(row.record().sorUpdatedAt() == null ? "\\N" : row.record().sorUpdatedAt());
      text.append('\n');
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(COPY, new StringReader(text.toString()));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("COPY into cache_staging failed: " + e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** COPY text format: backslash, tab, newline and carriage return are escaped. */
  private static void escape(StringBuilder out, String value) {
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
  }
}
