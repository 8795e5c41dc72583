package dev.microworks.integration;

import dev.microworks.tenant.TenantId;

/**
 * An integration was deleted; its cache and schedules go with it.
 *
 * @param tenant the tenant
 * @param id the integration's id
 */
public record IntegrationDeleted(TenantId tenant, String id) {}
