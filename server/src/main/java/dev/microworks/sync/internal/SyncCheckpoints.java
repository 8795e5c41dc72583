package dev.microworks.sync.internal;

import dev.microworks.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-table checkpoints ({@code sync_checkpoint}). */
@Repository
class SyncCheckpoints {

  /** Where an interrupted incremental read stopped. */
  record Resume(Instant since, String checkpoint) {}

  private final JdbcClient jdbc;

  SyncCheckpoints(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Instant> lastSync(TenantId tenant, String integration, String table) {
    return jdbc.sql(
            "SELECT last_sync_at FROM sync_checkpoint WHERE tenant_id = ? AND integration_id = ?"
                + " AND table_name = ? AND last_sync_at IS NOT NULL")
        .params(tenant.value(), integration, table)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  Optional<Resume> resume(TenantId tenant, String integration, String table) {
    return jdbc.sql(
            "SELECT resume_since, resume_checkpoint FROM sync_checkpoint WHERE tenant_id = ? AND"
                + " integration_id = ? AND table_name = ? AND resume_checkpoint IS NOT NULL")
        .params(tenant.value(), integration, table)
        .query((row, n) -> new Resume(row.getTimestamp(1).toInstant(), row.getString(2)))
        .optional();
  }

  /** Records a committed page of an incremental read; call in the page's transaction. */
  void pageCommitted(
      TenantId tenant, String integration, String table, Instant since, String checkpoint) {
    upsert(
        tenant,
        integration,
        table,
        "resume_since = ?, resume_checkpoint = ?",
        Timestamp.from(since),
        checkpoint);
  }

  /** The table is complete as of {@code syncStartedAt}; any resume point is cleared. */
  void completed(TenantId tenant, String integration, String table, Instant syncStartedAt) {
    upsert(
        tenant,
        integration,
        table,
        "last_sync_at = ?, resume_since = NULL, resume_checkpoint = NULL",
        Timestamp.from(syncStartedAt));
  }

  /** Drops any resume point of the integration's tables (their listings may have changed). */
  void forgetResume(TenantId tenant, String integration) {
    jdbc.sql(
            "UPDATE sync_checkpoint SET resume_since = NULL, resume_checkpoint = NULL"
                + " WHERE tenant_id = ? AND integration_id = ?")
        .params(tenant.value(), integration)
        .update();
  }

  void forget(TenantId tenant, String integration) {
    jdbc.sql("DELETE FROM sync_checkpoint WHERE tenant_id = ? AND integration_id = ?")
        .params(tenant.value(), integration)
        .update();
  }

  private void upsert(
      TenantId tenant, String integration, String table, String set, Object... values) {
    jdbc.sql(
            "INSERT INTO sync_checkpoint (tenant_id, integration_id, table_name) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(tenant.value(), integration, table)
        .update();
    Object[] update = new Object[values.length + 3];
    System.arraycopy(values, 0, update, 0, values.length);
    update[values.length] = tenant.value();
    update[values.length + 1] = integration;
    update[values.length + 2] = table;
    jdbc.sql(
            "UPDATE sync_checkpoint SET "
                + set
                + " WHERE tenant_id = ? AND integration_id = ? AND table_name = ?")
        .params(update)
        .update();
  }
}
