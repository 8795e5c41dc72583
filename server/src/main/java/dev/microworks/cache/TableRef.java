package dev.microworks.cache;

import dev.microworks.tenant.TenantId;
import java.util.Objects;

/**
 * One table of one integration of one tenant.
 *
 * @param tenant the tenant
 * @param integration the integration's id
 * @param table the table's name in the integration spec
 */
public record TableRef(TenantId tenant, String integration, String table) {
  public TableRef {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(table, "table");
  }

  @Override
  public String toString() {
    return integration + "." + table;
  }
}
