package dev.microworks.cache.internal;

import dev.microworks.cache.ChangeType;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.RecordChange;
import dev.microworks.cache.RecordsChanged;
import dev.microworks.cache.TableRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that change {@code cache_record}; each returns the changes it made, with the
 * before and after payloads, and announces them. Callers run them inside a transaction.
 */
final class CacheWrites {

  /**
   * Upserts the rows of a source query with columns (record_key, content_hash, payload,
   * sor_updated_at) and returns what changed. The {@code old} CTE sees the table as it was before
   * the statement, which gives the before payloads. It is a correlated scalar subquery on purpose:
   * one primary-key lookup per source row, so a batch costs the same whatever the size of the
   * table. A join (even LATERAL) is flattened by the planner, which then walks the table's whole
   * key range for every batch when its statistics say the table is small (as during a first load).
   */
  private static final String UPSERT =
      """
      WITH s AS (%s),
      old AS (
        SELECT s.record_key,
               (SELECT c.payload::text FROM cache_record c
                 WHERE c.tenant_id = :tenant AND c.integration_id = :integration
                   AND c.table_name = :table AND c.record_key = s.record_key) AS payload
          FROM s),
      up AS (
        INSERT INTO cache_record (tenant_id, integration_id, table_name, record_key, content_hash,
                                  payload, sor_updated_at, version, run_id, synced_at)
        SELECT :tenant, :integration, :table, s.record_key, s.content_hash, s.payload,
               s.sor_updated_at, nextval('cache_record_version_seq'), :run, now()
          FROM s
        ON CONFLICT (tenant_id, integration_id, table_name, record_key) DO UPDATE
           SET content_hash = EXCLUDED.content_hash, payload = EXCLUDED.payload,
               sor_updated_at = EXCLUDED.sor_updated_at, version = EXCLUDED.version,
               run_id = EXCLUDED.run_id, synced_at = EXCLUDED.synced_at
        RETURNING record_key, version, payload::text AS payload)
      SELECT up.record_key, up.version, old.payload AS before, up.payload AS after
        FROM up JOIN old ON old.record_key = up.record_key
       ORDER BY up.record_key
      """;

  private static final String DELETE =
      """
      WITH d AS (
        DELETE FROM cache_record
         WHERE tenant_id = :tenant AND integration_id = :integration AND table_name = :table
           AND record_key = ANY(CAST(:keys AS text[]))
        RETURNING record_key, payload::text AS payload)
      SELECT record_key, payload, nextval('cache_record_version_seq') AS version
        FROM d ORDER BY record_key
      """;

  /** Incoming records as a source for {@link #UPSERT}: four parallel arrays, one round trip. */
  private static final String INCOMING =
      """
      SELECT k AS record_key, decode(h, 'hex') AS content_hash, CAST(p AS jsonb) AS payload,
             CAST(t AS timestamptz) AS sor_updated_at
        FROM unnest(CAST(:keys AS text[]), CAST(:hashes AS text[]), CAST(:payloads AS text[]),
                    CAST(:times AS text[])) AS i(k, h, p, t)
      """;

  private static final HexFormat HEX = HexFormat.of();

  private static final String COPY_NEW =
      "COPY cache_record (tenant_id, integration_id, table_name, record_key, content_hash, payload,"
          + " sor_updated_at, version, run_id, synced_at) FROM STDIN";

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final ApplicationEventPublisher events;

  CacheWrites(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.events = events;
  }

  /**
   * Inserts records known to be new (the caller compared with the loaded keys, under the
   * integration's sync lock) with COPY, and announces them. Versions are drawn from the sequence
   * first, so the announcement needs nothing back from the database.
   */
  List<RecordChange> insertNew(TableRef table, UUID runId, List<Changed> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<Long> versions =
        jdbc.sql("SELECT nextval('cache_record_version_seq') FROM generate_series(1, ?)")
            .param(records.size())
            .query(Long.class)
            .list();
    String prefix =
        table.tenant() + "\t" + escaped(table.integration()) + "\t" + escaped(table.table()) + "\t";
    String suffix = "\t" + runId + "\t" + Instant.now() + "\n";
    StringBuilder rows = new StringBuilder(records.size() * 400);
    List<RecordChange> changes = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      IncomingRecord record = records.get(i).record();
      rows.append(prefix);
      PgCopy.field(rows, record.key())
          .append("\t\\\\x")
          .append(HEX.formatHex(records.get(i).hash()));
      PgCopy.field(rows.append('\t'), record.payload()).append('\t');
      PgCopy.field(rows, record.sorUpdatedAt() == null ? null : record.sorUpdatedAt().toString());
      rows.append('\t').append(versions.get(i)).append(suffix);
      changes.add(
          new RecordChange(
              record.key(), ChangeType.CREATED, versions.get(i), null, record.payload()));
    }
    PgCopy.copy(dataSource, COPY_NEW, rows);
    announce(table, runId, changes);
    return changes;
  }

  /** Refreshes the planner's statistics of the cache table. */
  void analyze() {
    jdbc.sql("ANALYZE cache_record").update();
  }

  private static String escaped(String value) {
    return PgCopy.field(new StringBuilder(), value).toString();
  }

  /** Upserts from {@code sourceSql} (which may use the extra named parameters) and announces it. */
  List<RecordChange> upsert(
      TableRef table, UUID runId, String sourceSql, Map<String, Object> sourceParameters) {
    Map<String, Object> parameters = new HashMap<>(sourceParameters);
    parameters.putAll(tableParameters(table));
    parameters.put("run", runId);
    List<RecordChange> changes =
        jdbc.sql(UPSERT.formatted(sourceSql))
            .params(parameters)
            .query(
                (row, n) -> {
                  String before = row.getString("before");
                  return new RecordChange(
                      row.getString("record_key"),
                      before == null ? ChangeType.CREATED : ChangeType.UPDATED,
                      row.getLong("version"),
                      before,
                      row.getString("after"));
                })
            .list();
    announce(table, runId, changes);
    return changes;
  }

  /**
   * Writes records whose content hash differs from the cached one (the caller compared) and
   * announces them.
   */
  List<RecordChange> upsert(TableRef table, UUID runId, List<Changed> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(records.size());
    List<String> hashes = new ArrayList<>(records.size());
    List<String> payloads = new ArrayList<>(records.size());
    List<String> times = new ArrayList<>(records.size());
    for (Changed changed : records) {
      keys.add(changed.record().key());
      hashes.add(HEX.formatHex(changed.hash()));
      payloads.add(changed.record().payload());
      times.add(
          changed.record().sorUpdatedAt() == null
              ? null
              : changed.record().sorUpdatedAt().toString());
    }
    return upsert(
        table,
        runId,
        INCOMING,
        Map.of(
            "keys", PgArrays.text(keys),
            "hashes", PgArrays.text(hashes),
            "payloads", PgArrays.text(payloads),
            "times", PgArrays.text(times)));
  }

  /** A record that differs from the cache, with its content hash. */
  record Changed(IncomingRecord record, byte[] hash) {}

  /** Deletes the given keys and announces them as deleted. */
  List<RecordChange> delete(TableRef table, UUID runId, List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<String, Object> parameters = new HashMap<>(tableParameters(table));
    parameters.put("keys", PgArrays.text(keys));
    List<RecordChange> changes =
        jdbc.sql(DELETE)
            .params(parameters)
            .query(
                (row, n) ->
                    new RecordChange(
                        row.getString("record_key"),
                        ChangeType.DELETED,
                        row.getLong("version"),
                        row.getString("payload"),
                        null))
            .list();
    announce(table, runId, changes);
    return changes;
  }

  static Map<String, Object> tableParameters(TableRef table) {
    return Map.of(
        "tenant", table.tenant().value(),
        "integration", table.integration(),
        "table", table.table());
  }

  private void announce(TableRef table, UUID runId, List<RecordChange> changes) {
    if (!changes.isEmpty()) {
      events.publishEvent(new RecordsChanged(table, runId, changes));
    }
  }
}
