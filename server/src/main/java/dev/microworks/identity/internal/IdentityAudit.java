package dev.microworks.identity.internal;

import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Audit entries of the identity module, actions {@code identity.*}. Targets are e-mail addresses
 * and group names; details are names and figures. Never a password, a token or a code.
 */
@Component
class IdentityAudit {

  static final String SYSTEM = "system";
  static final String ANONYMOUS = "anonymous";

  private final AuditLog log;

  IdentityAudit(AuditLog log) {
    this.log = log;
  }

  void ok(TenantId tenant, String actor, String action, String target, String... details) {
    append(tenant, actor, action, target, "ok", details);
  }

  void refused(TenantId tenant, String actor, String action, String target, String... details) {
    append(tenant, actor, action, target, "refused", details);
  }

  private void append(
      TenantId tenant,
      String actor,
      String action,
      String target,
      String outcome,
      String... details) {
    if (details.length % 2 != 0) {
      throw new IllegalArgumentException("audit details come in name, value pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < details.length; i += 2) {
      map.put(details[i], details[i + 1]);
    }
    log.append(tenant, actor, "identity." + action, target, outcome, map);
  }
}
