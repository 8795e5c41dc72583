package dev.microworks.integration;

import dev.microworks.tenant.TenantId;

/**
 * A credential slot of an integration was set or replaced (its value is not in the event).
 *
 * @param tenant the tenant
 * @param id the integration's id
 * @param slot the slot's name
 */
public record IntegrationCredentialsSet(TenantId tenant, String id, String slot) {}
