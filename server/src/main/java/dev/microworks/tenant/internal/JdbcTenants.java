package dev.microworks.tenant.internal;

import dev.microworks.tenant.Tenant;
import dev.microworks.tenant.TenantId;
import dev.microworks.tenant.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcTenants implements Tenants {

  private static final String SELECT = "SELECT id, slug, name, created_at FROM tenant";

  private final JdbcClient jdbc;

  JdbcTenants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Tenant defaultTenant() {
    return find(TenantId.DEFAULT)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The default tenant "
                        + TenantId.DEFAULT
                        + " is missing from table 'tenant'; the V1 migration creates it."));
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id.value()).query(JdbcTenants::map).optional();
  }

  @Override
  public List<Tenant> all() {
    return jdbc.sql(SELECT + " ORDER BY slug").query(JdbcTenants::map).list();
  }

  private static Tenant map(ResultSet row, int rowNumber) throws SQLException {
    return new Tenant(
        new TenantId(row.getObject("id", UUID.class)),
        row.getString("slug"),
        row.getString("name"),
        row.getTimestamp("created_at").toInstant());
  }
}
