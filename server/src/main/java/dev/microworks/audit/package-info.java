/**
 * The audit log: append-only, hash-chained entries saying who did what to what, when, and with
 * which outcome.
 *
 * <p>Guarantees: {@link dev.microworks.audit.AuditLog#append} commits the entry in its own
 * transaction (an audited refusal survives the rollback of the operation it refused); each entry
 * stores the SHA-256 of the previous entry's hash and its own content, so editing or removing an
 * entry breaks the chain ({@link dev.microworks.audit.AuditLog#verify}); entries never hold secret
 * values — callers pass names and ids, and the log refuses detail values longer than 500 characters
 * (no payload dumps).
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Audit",
    allowedDependencies = {"tenant"})
package dev.microworks.audit;
