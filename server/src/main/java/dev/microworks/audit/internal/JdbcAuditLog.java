package dev.microworks.audit.internal;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log in table {@code audit_event}. Appends are serialised by a transaction-scoped
 * advisory lock so the chain has one head, and run in a new transaction of their own.
 */
@Service
class JdbcAuditLog implements AuditLog {

  /** Arbitrary, fixed: the advisory lock that serialises appends. */
  private static final long CHAIN_LOCK = 0x4D57_4155_4449_5400L;

  private static final int MAX_DETAIL = 500;
  private static final byte[] GENESIS = new byte[32];
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  JdbcAuditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public AuditEntry append(
      TenantId tenant,
      String actor,
      String action,
      String target,
      String outcome,
      Map<String, String> details) {
    details.forEach(
        (name, value) -> {
          if (value != null && value.length() > MAX_DETAIL) {
            throw new IllegalArgumentException(
                "audit detail '%s' is %d characters; the audit log keeps names and figures (at most %d)"
                    .formatted(name, value.length(), MAX_DETAIL));
          }
        });
    Map<String, String> sorted = new TreeMap<>();
    details.forEach((name, value) -> sorted.put(name, value == null ? "" : value));
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return ownTransaction.execute(
        status -> {
          jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().listOfRows();
          byte[] previous =
              jdbc.sql("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
                  .query(byte[].class)
                  .optional()
                  .orElse(GENESIS);
          long id = jdbc.sql("SELECT nextval('audit_event_id_seq')").query(Long.class).single();
          AuditEntry entry = new AuditEntry(id, tenant, at, actor, action, target, outcome, sorted);
          byte[] hash = hash(previous, entry);
          jdbc.sql(
                  "INSERT INTO audit_event (id, tenant_id, occurred_at, actor, action, target,"
                      + " outcome, details, prev_hash, hash)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)")
              .params(
                  id,
                  tenant.value(),
                  Timestamp.from(at),
                  actor,
                  action,
                  target,
                  outcome,
                  JSON.writeValueAsString(sorted),
                  previous,
                  hash)
              .update();
          return entry;
        });
  }

  @Override
  public List<AuditEntry> recent(TenantId tenant, String actionPrefix, int limit) {
    String prefix = actionPrefix == null ? "" : actionPrefix;
    return jdbc.sql(
            "SELECT * FROM audit_event WHERE tenant_id = ? AND starts_with(action, ?)"
                + " ORDER BY id DESC LIMIT ?")
        .params(tenant.value(), prefix, limit)
        .query((row, n) -> entry(row))
        .list();
  }

  @Override
  public long verify() {
    long[] broken = {-1};
    byte[][] previous = {GENESIS};
    jdbc.sql("SELECT * FROM audit_event ORDER BY id")
        .withFetchSize(1000)
        .query(
            (RowCallbackHandler)
                row -> {
                  if (broken[0] >= 0) {
                    return;
                  }
                  AuditEntry entry = entry(row);
                  byte[] expected = hash(previous[0], entry);
                  if (!Arrays.equals(previous[0], row.getBytes("prev_hash"))
                      || !Arrays.equals(expected, row.getBytes("hash"))) {
                    broken[0] = entry.id();
                  }
                  previous[0] = row.getBytes("hash");
                });
    return broken[0];
  }

  private static AuditEntry entry(ResultSet row) throws SQLException {
    Map<String, String> details =
        JSON.readValue(row.getString("details"), new TypeReference<TreeMap<String, String>>() {});
    return new AuditEntry(
        row.getLong("id"),
        new TenantId(row.getObject("tenant_id", UUID.class)),
        row.getTimestamp("occurred_at").toInstant(),
        row.getString("actor"),
        row.getString("action"),
        row.getString("target"),
        row.getString("outcome"),
        details);
  }

  /** SHA-256 over the previous hash and every field, each length-prefixed. */
  static byte[] hash(byte[] previous, AuditEntry entry) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(previous);
      out.writeLong(entry.id());
      out.writeUTF(entry.tenant().toString());
      out.writeLong(entry.at().getEpochSecond());
      out.writeInt(entry.at().getNano());
      out.writeUTF(entry.actor());
      out.writeUTF(entry.action());
      out.writeUTF(entry.target());
      out.writeUTF(entry.outcome());
      out.writeInt(entry.details().size());
      for (Map.Entry<String, String> detail : new TreeMap<>(entry.details()).entrySet()) {
        out.writeUTF(detail.getKey());
        out.writeUTF(detail.getValue());
      }
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
