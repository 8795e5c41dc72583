package dev.microworks.integration;

import dev.microworks.tenant.TenantId;
import java.time.Instant;

/**
 * An integration as saved: its parsed spec and the YAML it came from (which never holds secrets).
 *
 * @param tenant the owning tenant
 * @param spec the parsed, valid spec; its {@code id} is the integration's id
 * @param yaml the source text, as the author wrote it
 * @param revision increases by one with every update
 * @param createdAt when it was first saved
 * @param updatedAt when it was last saved
 */
public record StoredIntegration(
    TenantId tenant,
    IntegrationSpec spec,
    String yaml,
    long revision,
    Instant createdAt,
    Instant updatedAt) {

  public String id() {
    return spec.id();
  }
}
