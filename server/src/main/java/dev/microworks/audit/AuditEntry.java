package dev.microworks.audit;

import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audited event.
 *
 * @param id position in the log (ascending)
 * @param tenant whose event it is
 * @param at when it happened
 * @param actor who did it: a user's e-mail address, {@code anonymous} (sign-in attempts), {@code
 *     sync:<integration>} or {@code system}
 * @param action what happened, dotted: {@code wallet.decrypt}, {@code wallet.refused}, {@code
 *     wallet.tamper}, {@code wallet.credential.set}...
 * @param target what it happened to (a credential's name, a key version), never a value
 * @param outcome {@code ok}, {@code refused} or {@code failed}
 * @param details further names and figures (purpose, reason)
 */
public record AuditEntry(
    long id,
    TenantId tenant,
    Instant at,
    String actor,
    String action,
    String target,
    String outcome,
    Map<String, String> details) {

  public AuditEntry {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
    details = Map.copyOf(details);
  }
}
