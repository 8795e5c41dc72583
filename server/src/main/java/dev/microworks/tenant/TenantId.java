package dev.microworks.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a tenant.
 *
 * @param value the tenant's UUID, as stored in every {@code tenant_id} column
 */
public record TenantId(UUID value) {

  /** The tenant every installation has; created by the first migration. */
  public static final TenantId DEFAULT =
      new TenantId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

  public TenantId {
    Objects.requireNonNull(value, "tenant id");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
