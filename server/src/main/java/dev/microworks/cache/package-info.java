/**
 * The data cache: the records synced from systems of record, per (tenant, integration, table,
 * record key), with a content hash, the SoR's timestamp and the run that wrote them.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Hash first: an incoming record whose content hash equals the cached one causes no row
 *       write.
 *   <li>A full sync ({@link dev.microworks.cache.DataCache#beginFullSync}) runs inside one
 *       transaction: it changes nothing visible until that commits, and a rollback (any failure)
 *       leaves the cache exactly as it was.
 *   <li>At rest, payloads are AES-256-GCM ciphertexts under the tenant's cache key (associated
 *       data: tenant, integration, table, record key); the content hash is an HMAC with a tenant
 *       key; lookup-column values exist only as HMAC blind indexes.
 *   <li>Every write publishes {@link dev.microworks.cache.RecordsChanged} in the same transaction,
 *       through the event publication registry; each announced (record, version) is unique.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Data cache",
    allowedDependencies = {"tenant", "wallet"})
package dev.microworks.cache;
