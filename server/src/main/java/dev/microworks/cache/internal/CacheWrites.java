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
 * before and after payloads (decrypted), and announces them. Callers run them inside a transaction.
 */
final class CacheWrites {

  /**
   * Upserts incoming rows (parallel arrays: key, hex content hash, hex stored payload, SoR time,
   * comma-joined hex lookup tokens) and returns each row's key, new version and stored payload
   * before. The {@code old} CTE sees the table as it was before the statement, which gives the
   * before payloads. It is a correlated scalar subquery on purpose: one primary-key lookup per
   * source row, so a batch costs the same whatever the size of the table. A join (even LATERAL) is
   * flattened by the planner, which then walks the table's whole key range for every batch when its
   * statistics say the table is small (as during a first load).
   */
  private static final String UPSERT =
      """
      WITH s AS (
        SELECT k AS record_key, decode(h, 'hex') AS content_hash, decode(p, 'hex') AS payload,
               CAST(t AS timestamptz) AS sor_updated_at,
               CASE WHEN x IS NULL THEN NULL
                    ELSE ARRAY(SELECT decode(e, 'hex') FROM unnest(string_to_array(x, ',')) e)
               END AS lookup_tokens
          FROM unnest(CAST(:keys AS text[]), CAST(:hashes AS text[]), CAST(:payloads AS text[]),
                      CAST(:times AS text[]), CAST(:tokens AS text[])) AS i(k, h, p, t, x)),
      old AS (
        SELECT s.record_key,
               (SELECT c.payload FROM cache_record c
                 WHERE c.tenant_id = :tenant AND c.integration_id = :integration
                   AND c.table_name = :table AND c.record_key = s.record_key) AS payload
          FROM s),
      up AS (
        INSERT INTO cache_record (tenant_id, integration_id, table_name, record_key, content_hash,
                                  payload, lookup_tokens, sor_updated_at, version, run_id,
                                  synced_at)
        SELECT :tenant, :integration, :table, s.record_key, s.content_hash, s.payload,
               s.lookup_tokens, s.sor_updated_at, nextval('cache_record_version_seq'), :run, now()
          FROM s
        ON CONFLICT (tenant_id, integration_id, table_name, record_key) DO UPDATE
           SET content_hash = EXCLUDED.content_hash, payload = EXCLUDED.payload,
               lookup_tokens = EXCLUDED.lookup_tokens, sor_updated_at = EXCLUDED.sor_updated_at,
               version = EXCLUDED.version, run_id = EXCLUDED.run_id,
               synced_at = EXCLUDED.synced_at
        RETURNING record_key, version)
      SELECT up.record_key, up.version, old.payload AS before
        FROM up JOIN old ON old.record_key = up.record_key
       ORDER BY up.record_key
      """;

  private static final String DELETE =
      """
      WITH d AS (
        DELETE FROM cache_record
         WHERE tenant_id = :tenant AND integration_id = :integration AND table_name = :table
           AND record_key = ANY(CAST(:keys AS text[]))
        RETURNING record_key, payload)
      SELECT record_key, payload, nextval('cache_record_version_seq') AS version
        FROM d ORDER BY record_key
      """;

  private static final HexFormat HEX = HexFormat.of();

  private static final String COPY_NEW =
      "COPY cache_record (tenant_id, integration_id, table_name, record_key, content_hash, payload,"
          + " lookup_tokens, sor_updated_at, version, run_id, synced_at) FROM STDIN";

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final ApplicationEventPublisher events;
  private final PayloadCodec codec;

  CacheWrites(
      JdbcClient jdbc,
      DataSource dataSource,
      ApplicationEventPublisher events,
      PayloadCodec codec) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.events = events;
    this.codec = codec;
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
          .append(HEX.formatHex(records.get(i).hash()))
          .append("\t\\\\x")
          .append(HEX.formatHex(codec.seal(table, record.key(), record.payload())))
          .append('\t');
      byte[][] tokens = codec.lookupTokens(table, record.lookups());
      if (tokens == null) {
        rows.append("\\N");
      } else {
        // a bytea[] literal: {"\\x.."} with each backslash doubled once more for COPY
        rows.append('{');
        for (int t = 0; t < tokens.length; t++) {
          rows.append(t == 0 ? "" : ",")
              .append("\"\\\\\\\\x")
              .append(HEX.formatHex(tokens[t]))
              .append('"');
        }
        rows.append('}');
      }
      rows.append('\t');
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
    List<String> tokens = new ArrayList<>(records.size());
    Map<String, String> after = new HashMap<>();
    for (Changed changed : records) {
      IncomingRecord record = changed.record();
      keys.add(record.key());
      hashes.add(HEX.formatHex(changed.hash()));
      payloads.add(HEX.formatHex(codec.seal(table, record.key(), record.payload())));
      times.add(record.sorUpdatedAt() == null ? null : record.sorUpdatedAt().toString());
      byte[][] recordTokens = codec.lookupTokens(table, record.lookups());
      tokens.add(
          recordTokens == null
              ? null
              : String.join(
                  ",", java.util.Arrays.stream(recordTokens).map(HEX::formatHex).toList()));
      after.put(record.key(), record.payload());
    }
    Map<String, Object> parameters = new HashMap<>(tableParameters(table));
    parameters.put("run", runId);
    parameters.put("keys", PgArrays.text(keys));
    parameters.put("hashes", PgArrays.text(hashes));
    parameters.put("payloads", PgArrays.text(payloads));
    parameters.put("times", PgArrays.text(times));
    parameters.put("tokens", PgArrays.text(tokens));
    List<RecordChange> changes =
        jdbc.sql(UPSERT)
            .params(parameters)
            .query(
                (row, n) -> {
                  String key = row.getString("record_key");
                  String before = codec.open(table, key, row.getBytes("before"));
                  return new RecordChange(
                      key,
                      before == null ? ChangeType.CREATED : ChangeType.UPDATED,
                      row.getLong("version"),
                      before,
                      after.get(key));
                })
            .list();
    announce(table, runId, changes);
    return changes;
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
                        codec.open(table, row.getString("record_key"), row.getBytes("payload")),
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
