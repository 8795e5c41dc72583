package dev.microworks.cache.internal;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.ChangeCounts;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.RecordChange;
import dev.microworks.cache.TableRef;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CacheKeys;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcDataCache implements DataCache {

  private static final Logger log = LoggerFactory.getLogger(JdbcDataCache.class);

  private static final HexFormat HEX = HexFormat.of();

  private static final String TABLE_FILTER =
      "tenant_id = :tenant AND integration_id = :integration AND table_name = :table";

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final CacheWrites writes;
  private final TransactionTemplate transactions;
  private final TransactionTemplate readOnly;
  private final PayloadCodec codec;

  JdbcDataCache(
      DataSource dataSource,
      JdbcClient jdbc,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactionManager,
      CacheKeys keys,
      @Value("${microworks.cache.encryption.enabled:true}") boolean encrypt) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.codec = new PayloadCodec(keys, encrypt);
    if (!encrypt) {
      log.warn(
          "Cache encryption is OFF (microworks.cache.encryption.enabled=false): new cached records"
              + " are stored in clear. Meant for benchmarks only.");
    }
    this.writes = new CacheWrites(jdbc, dataSource, events, codec);
    this.transactions = new TransactionTemplate(transactionManager);
    this.readOnly = new TransactionTemplate(transactionManager);
    this.readOnly.setReadOnly(true);
    // joins the sync's transaction: a full sync must not need a second pooled connection
  }

  @Override
  public FullSync beginFullSync(TableRef table, UUID runId) {
    Map<String, byte[]> hashes = new HashMap<>();
    // a cursor (fetch size in a transaction): the keys stream in, never as one result set
    readOnly.executeWithoutResult(
        status ->
            jdbc.sql("SELECT record_key, content_hash FROM cache_record WHERE " + TABLE_FILTER)
                .params(CacheWrites.tableParameters(table))
                .withFetchSize(10_000)
                .query((RowCallbackHandler) row -> hashes.put(row.getString(1), row.getBytes(2))));
    return new JdbcFullSync(table, runId, hashes, writes, codec);
  }

  @Override
  public ChangeCounts applyIncremental(TableRef table, UUID runId, List<IncomingRecord> records) {
    Map<String, IncomingRecord> latest = new LinkedHashMap<>();
    records.forEach(record -> latest.put(record.key(), record)); // a key listed twice: last wins
    if (latest.isEmpty()) {
      return ChangeCounts.NONE;
    }
    return transactions.execute(status -> applyInTransaction(table, runId, latest));
  }

  private ChangeCounts applyInTransaction(
      TableRef table, UUID runId, Map<String, IncomingRecord> latest) {
    Map<String, Object> lookup = new HashMap<>(CacheWrites.tableParameters(table));
    lookup.put("keys", PgArrays.text(latest.keySet()));
    Map<String, byte[]> cached = new HashMap<>();
    // one primary-key probe per key (a correlated subquery): with "= ANY(array)" the planner,
    // misled by statistics from before a big load, may scan the table comparing every row with
    // the whole array
    jdbc.sql(
            "SELECT k, (SELECT content_hash FROM cache_record WHERE "
                + TABLE_FILTER
                + " AND record_key = k) FROM unnest(CAST(:keys AS text[])) AS k")
        .params(lookup)
        .query(
            (RowCallbackHandler)
                row -> {
                  byte[] hash = row.getBytes(2);
                  if (hash != null) {
                    cached.put(row.getString(1), hash);
                  }
                });

    List<CacheWrites.Changed> changed = new ArrayList<>();
    long unchanged = 0;
    for (IncomingRecord record : latest.values()) {
      byte[] hash = codec.hash(table, record.payload());
      if (Arrays.equals(hash, cached.get(record.key()))) {
        unchanged++;
      } else {
        changed.add(new CacheWrites.Changed(record, hash));
      }
    }
    List<RecordChange> changes = writes.upsert(table, runId, changed);
    long created = changes.stream().filter(c -> c.before() == null).count();
    return new ChangeCounts(created, changes.size() - created, 0, unchanged);
  }

  @Override
  public List<CachedRecord> browse(TableRef table, int offset, int limit) {
    Map<String, Object> parameters = new HashMap<>(CacheWrites.tableParameters(table));
    parameters.put("offset", offset);
    parameters.put("limit", limit);
    return jdbc.sql(
            "SELECT record_key, payload, version, sor_updated_at, synced_at, run_id"
                + " FROM cache_record WHERE "
                + TABLE_FILTER
                + " ORDER BY record_key OFFSET :offset LIMIT :limit")
        .params(parameters)
        .query((row, n) -> cachedRecord(table, row))
        .list();
  }

  @Override
  public List<CachedRecord> lookup(TableRef table, String column, String value, int limit) {
    Map<String, Object> parameters = new HashMap<>(CacheWrites.tableParameters(table));
    parameters.put("token", codec.token(table, column, value));
    parameters.put("limit", limit);
    return jdbc.sql(
            "SELECT record_key, payload, version, sor_updated_at, synced_at, run_id"
                + " FROM cache_record WHERE "
                + TABLE_FILTER
                + " AND lookup_tokens @> ARRAY[CAST(:token AS bytea)]"
                + " ORDER BY record_key LIMIT :limit")
        .params(parameters)
        .query((row, n) -> cachedRecord(table, row))
        .list();
  }

  @Override
  public List<CachedRecord> find(TableRef table, java.util.Collection<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<String, Object> parameters = new HashMap<>(CacheWrites.tableParameters(table));
    parameters.put("keys", PgArrays.text(keys));
    return jdbc.sql(
            "SELECT record_key, payload, version, sor_updated_at, synced_at, run_id"
                + " FROM cache_record WHERE "
                + TABLE_FILTER
                + " AND record_key = ANY(CAST(:keys AS text[])) ORDER BY record_key")
        .params(parameters)
        .query((row, n) -> cachedRecord(table, row))
        .list();
  }

  private CachedRecord cachedRecord(TableRef table, java.sql.ResultSet row)
      throws java.sql.SQLException {
    String key = row.getString("record_key");
    return new CachedRecord(
        key,
        codec.open(table, key, row.getBytes("payload")),
        row.getLong("version"),
        instant(row.getTimestamp("sor_updated_at")),
        instant(row.getTimestamp("synced_at")),
        row.getObject("run_id", UUID.class));
  }

  @Override
  public long count(TableRef table) {
    return jdbc.sql("SELECT count(*) FROM cache_record WHERE " + TABLE_FILTER)
        .params(CacheWrites.tableParameters(table))
        .query(Long.class)
        .single();
  }

  @Override
  public long purgeOlderThan(TableRef table, Instant cutoff) {
    Map<String, Object> parameters = new HashMap<>(CacheWrites.tableParameters(table));
    parameters.put("cutoff", Timestamp.from(cutoff));
    UUID purge = UUID.randomUUID();
    long removed = 0;
    while (true) {
      List<String> victims =
          jdbc.sql(
                  "SELECT record_key FROM cache_record WHERE "
                      + TABLE_FILTER
                      + " AND coalesce(sor_updated_at, synced_at) < :cutoff"
                      + " ORDER BY record_key LIMIT "
                      + JdbcFullSync.BATCH)
              .params(parameters)
              .query(String.class)
              .list();
      if (victims.isEmpty()) {
        return removed;
      }
      removed += transactions.execute(status -> writes.delete(table, purge, victims).size());
    }
  }

  @Override
  public long dropIntegration(TenantId tenant, String integration) {
    return jdbc.sql("DELETE FROM cache_record WHERE tenant_id = ? AND integration_id = ?")
        .params(tenant.value(), integration)
        .update();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
