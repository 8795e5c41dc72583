package dev.microworks.microapp;

import dev.microworks.tenant.TenantId;
import java.time.Instant;

/**
 * A saved microapp.
 *
 * @param tenant its tenant
 * @param definition the parsed definition
 * @param yaml the definition as saved
 * @param revision 1 at creation, +1 per save
 * @param updatedAt when it was last saved
 * @param updatedBy who saved it
 */
public record StoredMicroapp(
    TenantId tenant,
    MicroappDefinition definition,
    String yaml,
    long revision,
    Instant updatedAt,
    String updatedBy) {

  public String id() {
    return definition.id();
  }
}
