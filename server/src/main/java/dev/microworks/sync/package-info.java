/**
 * Synchronisation: full and incremental syncs of each integration, on its schedules (db-scheduler,
 * one run at a time per integration across all nodes) or on demand, with their history and
 * checkpoints.
 *
 * <p>Guarantees: a failed or interrupted full sync leaves the cache exactly as it was; an
 * incremental sync commits page by page with its checkpoint and resumes after the last committed
 * page; error texts never contain a credential.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Synchronisation")
package dev.microworks.sync;
