package dev.microworks.integration.internal;

import dev.microworks.integration.IntegrationDeleted;
import dev.microworks.integration.IntegrationSaved;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.InvalidSpecException;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saved integrations in table {@code integration} (migration V5). */
@Service
class JdbcIntegrations implements Integrations {

  private static final String SELECT =
      "SELECT tenant_id, id, spec_yaml, revision, created_at, updated_at FROM integration";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  JdbcIntegrations(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  @Override
  @Transactional
  public StoredIntegration save(TenantId tenant, String yaml, String sourceName) {
    // parse before touching the database: an invalid spec saves nothing
    IntegrationSpec spec = IntegrationSpecs.parse(yaml, sourceName);
    StoredIntegration saved =
        jdbc.sql(
                """
                INSERT INTO integration
                       (tenant_id, id, title, spec_yaml, revision, created_at, updated_at)
                VALUES (:tenant, :id, :title, :yaml, 1, now(), now())
                ON CONFLICT (tenant_id, id) DO UPDATE
                   SET title = EXCLUDED.title, spec_yaml = EXCLUDED.spec_yaml,
                       revision = integration.revision + 1, updated_at = EXCLUDED.updated_at
                RETURNING revision, created_at, updated_at
                """)
            .param("tenant", tenant.value())
            .param("id", spec.id())
            .param("title", spec.title())
            .param("yaml", yaml)
            .query(
                (row, rowNumber) ->
                    new StoredIntegration(
                        tenant,
                        spec,
                        yaml,
                        row.getLong("revision"),
                        row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("updated_at").toInstant()))
            .single();
    events.publishEvent(new IntegrationSaved(tenant, spec.id(), saved.revision()));
    return saved;
  }

  @Override
  public boolean existsLocked(TenantId tenant, String id) {
    return jdbc.sql("SELECT 1 FROM integration WHERE tenant_id = ? AND id = ? FOR SHARE")
        .param(tenant.value())
        .param(id)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<StoredIntegration> find(TenantId tenant, String id) {
    return jdbc.sql(SELECT + " WHERE tenant_id = ? AND id = ?")
        .param(tenant.value())
        .param(id)
        .query(JdbcIntegrations::map)
        .optional();
  }

  @Override
  @Transactional(readOnly = true)
  public List<StoredIntegration> all(TenantId tenant) {
    return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY id")
        .param(tenant.value())
        .query(JdbcIntegrations::map)
        .list();
  }

  @Override
  @Transactional
  public boolean delete(TenantId tenant, String id) {
    int deleted =
        jdbc.sql("DELETE FROM integration WHERE tenant_id = ? AND id = ?")
            .param(tenant.value())
            .param(id)
            .update();
    if (deleted == 0) {
      return false;
    }
    events.publishEvent(new IntegrationDeleted(tenant, id));
    return true;
  }

  private static StoredIntegration map(ResultSet row, int rowNumber) throws SQLException {
    String id = row.getString("id");
    long revision = row.getLong("revision");
    String yaml = row.getString("spec_yaml");
    IntegrationSpec spec;
    try {
      spec = IntegrationSpecs.parse(yaml, id + ".yaml");
    } catch (InvalidSpecException e) {
      // it was valid when saved: only a stricter parser (an upgrade) or a hand edit gets here
      throw new IllegalStateException(
          "Stored integration '"
              + id
              + "' (revision "
              + revision
              + ") is no longer a valid spec; save a corrected version. "
              + e.getMessage(),
          e);
    }
    return new StoredIntegration(
        new TenantId(row.getObject("tenant_id", java.util.UUID.class)),
        spec,
        yaml,
        revision,
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }
}
