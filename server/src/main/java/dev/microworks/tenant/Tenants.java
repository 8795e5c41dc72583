package dev.microworks.tenant;

import java.util.List;
import java.util.Optional;

/** The installation's tenants. */
public interface Tenants {

  /**
   * The default tenant, which always exists.
   *
   * @throws IllegalStateException if the database lacks it (a migration was tampered with)
   */
  Tenant defaultTenant();

  /** The tenant with this id, if any. */
  Optional<Tenant> find(TenantId id);

  /** All tenants, ordered by slug. */
  List<Tenant> all();
}
