package dev.microworks.tenant;

import java.time.Instant;

/**
 * A tenant: one organisation's isolated share of the installation.
 *
 * @param id stable identifier
 * @param slug short lower-case name, unique
 * @param name display name
 * @param createdAt when it was created
 */
public record Tenant(TenantId id, String slug, String name, Instant createdAt) {}
