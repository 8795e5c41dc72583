/**
 * Tenants. Every table that holds tenant data carries a {@code tenant_id} from the first migration
 * on, so several tenants later are a feature, not a rewrite. Today there is one, {@link
 * dev.microworks.tenant.TenantId#DEFAULT}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenants")
package dev.microworks.tenant;
