package dev.microworks.audit.internal;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, read-only. */
@PreAuthorize("hasRole('ADMIN')")
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
@Tag(name = "Audit", description = "Who did what, when, with which outcome")
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping
  @Operation(
      summary = "The newest audit entries",
      description = "action: only entries whose action starts with it (e.g. wallet.)")
  List<AuditEntry> recent(
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "100") int limit) {
    return audit.recent(TenantId.DEFAULT, action, Math.max(1, Math.min(limit, 1000)));
  }

  @GetMapping("/verify")
  @Operation(summary = "Recompute the hash chain: intact, or the first entry that breaks it")
  Map<String, Object> verify() {
    long broken = audit.verify();
    return broken < 0
        ? Map.of("intact", true)
        : Map.of("intact", false, "first_broken_entry", broken);
  }
}
