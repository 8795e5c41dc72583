package dev.microworks.sync.internal;

import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The run history ({@code sync_run}). */
@Repository
class SyncRuns {

  private final JdbcClient jdbc;

  SyncRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  SyncRun queue(TenantId tenant, String integration, SyncMode mode, String trigger, Instant now) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO sync_run (id, tenant_id, integration_id, mode, trigger, status, queued_at)"
                + " VALUES (?, ?, ?, ?, ?, 'QUEUED', ?)")
        .params(id, tenant.value(), integration, mode.name(), trigger, Timestamp.from(now))
        .update();
    return find(id).orElseThrow();
  }

  void start(UUID id, Instant now) {
    jdbc.sql(
            "UPDATE sync_run SET status = 'RUNNING', started_at = ?, finished_at = NULL,"
                + " pages = 0, records_read = 0, created = 0, updated = 0, deleted = 0,"
                + " unchanged = 0, skipped = 0, error = NULL WHERE id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  void finish(UUID id, RunTally tally, SyncStatus status, String error, Instant now) {
    jdbc.sql(
            "UPDATE sync_run SET status = ?, finished_at = ?, pages = ?, records_read = ?,"
                + " created = ?, updated = ?, deleted = ?, unchanged = ?, skipped = ?, error = ?"
                + " WHERE id = ?")
        .params(
            status.name(),
            Timestamp.from(now),
            tally.pages(),
            tally.read(),
            tally.counts().created(),
            tally.counts().updated(),
            tally.counts().deleted(),
            tally.counts().unchanged(),
            tally.skipped(),
            error,
            id)
        .update();
  }

  /** Runs left RUNNING by a server that stopped: nobody holds the integration's lock. */
  int failInterrupted(TenantId tenant, String integration, Instant now) {
    return jdbc.sql(
            "UPDATE sync_run SET status = 'FAILED', finished_at = ?, error = ? WHERE tenant_id = ?"
                + " AND integration_id = ? AND status = 'RUNNING'")
        .params(
            Timestamp.from(now),
            "interrupted: the server running it stopped; the cache kept its previous state"
                + " (incremental pages committed before stay)",
            tenant.value(),
            integration)
        .update();
  }

  Optional<SyncRun> find(UUID id) {
    return jdbc.sql("SELECT * FROM sync_run WHERE id = ?")
        .param(id)
        .query(SyncRuns::map)
        .optional();
  }

  List<SyncRun> recent(TenantId tenant, String integration, int limit) {
    return jdbc.sql(
            "SELECT * FROM sync_run WHERE tenant_id = ? AND integration_id = ?"
                + " ORDER BY queued_at DESC LIMIT ?")
        .params(tenant.value(), integration, limit)
        .query(SyncRuns::map)
        .list();
  }

  private static SyncRun map(ResultSet row, int n) throws SQLException {
    return new SyncRun(
        row.getObject("id", UUID.class),
        new TenantId(row.getObject("tenant_id", UUID.class)),
        row.getString("integration_id"),
        SyncMode.valueOf(row.getString("mode")),
        row.getString("trigger"),
        SyncStatus.valueOf(row.getString("status")),
        instant(row.getTimestamp("queued_at")),
        instant(row.getTimestamp("started_at")),
        instant(row.getTimestamp("finished_at")),
        row.getInt("pages"),
        row.getLong("records_read"),
        row.getLong("created"),
        row.getLong("updated"),
        row.getLong("deleted"),
        row.getLong("unchanged"),
        row.getLong("skipped"),
        row.getString("error"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
