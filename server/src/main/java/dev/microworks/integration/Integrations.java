package dev.microworks.integration;

import dev.microworks.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The saved integrations of each tenant. Saving validates the whole spec first: an invalid spec
 * raises {@link InvalidSpecException} with every problem and saves nothing.
 */
public interface Integrations {

  /**
   * Creates or replaces the integration whose id the spec names; publishes {@link
   * IntegrationSaved}.
   *
   * @throws InvalidSpecException if the YAML is not a valid spec (nothing is saved)
   */
  StoredIntegration save(TenantId tenant, String yaml, String sourceName);

  Optional<StoredIntegration> find(TenantId tenant, String id);

  /**
   * Whether the integration exists, without loading it; inside a transaction the row is
   * share-locked, so it cannot be deleted before that transaction ends.
   */
  boolean existsLocked(TenantId tenant, String id);

  List<StoredIntegration> all(TenantId tenant);

  /**
   * Deletes the integration; publishes {@link IntegrationDeleted}.
   *
   * @return whether it existed
   */
  boolean delete(TenantId tenant, String id);
}
