package dev.microworks.integration;

import dev.microworks.tenant.TenantId;

/**
 * An integration was created or updated.
 *
 * @param tenant the tenant
 * @param id the integration's id
 * @param revision its new revision (1 when created)
 */
public record IntegrationSaved(TenantId tenant, String id, long revision) {}
