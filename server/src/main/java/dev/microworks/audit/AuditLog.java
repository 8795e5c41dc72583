package dev.microworks.audit;

import dev.microworks.tenant.TenantId;
import java.util.List;
import java.util.Map;

/** The append-only audit log. See the package documentation for its guarantees. */
public interface AuditLog {

  /** Appends an entry in its own transaction and returns it as stored. */
  AuditEntry append(
      TenantId tenant,
      String actor,
      String action,
      String target,
      String outcome,
      Map<String, String> details);

  /**
   * The newest entries of a tenant first, optionally only those whose action starts with {@code
   * actionPrefix}.
   */
  List<AuditEntry> recent(TenantId tenant, String actionPrefix, int limit);

  /**
   * Recomputes the hash chain over the whole log.
   *
   * @return the id of the first entry whose hash does not match, or -1 when the chain is intact
   */
  long verify();
}
