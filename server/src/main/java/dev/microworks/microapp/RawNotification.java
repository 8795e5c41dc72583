package dev.microworks.microapp;

import dev.microworks.identity.UserId;
import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A rule matched: what to tell whom. Holds record content (title, body, fields), so it is never
 * logged ({@link #toString()} names ids only).
 *
 * @param id the raw event's id; one card per (id, user)
 * @param tenant the tenant
 * @param microapp the microapp's id
 * @param microappTitle its title
 * @param rule the rule's id
 * @param integration the integration
 * @param table the rule's table
 * @param recordKey the record, empty for unconditional rules
 * @param users the audience, already intersected with subscribers and filters
 * @param title the card title, placeholders filled
 * @param body the card body, placeholders filled
 * @param fields label/value pairs
 * @param priority the rule's priority
 * @param dueAt the due date, if the rule names one
 * @param page the go-to page
 * @param actions buttons
 * @param raisedAt when the rule matched
 */
public record RawNotification(
    UUID id,
    TenantId tenant,
    String microapp,
    String microappTitle,
    String rule,
    String integration,
    String table,
    Optional<String> recordKey,
    List<UserId> users,
    String title,
    String body,
    List<Field> fields,
    MicroappDefinition.Priority priority,
    Optional<Instant> dueAt,
    Optional<String> page,
    List<Button> actions,
    Instant raisedAt) {

  public RawNotification {
    Objects.requireNonNull(id, "id");
    users = List.copyOf(users);
    fields = List.copyOf(fields);
    actions = List.copyOf(actions);
  }

  public record Field(String label, String value) {
    @Override
    public String toString() {
      return "Field[" + label + "]";
    }
  }

  public record Button(String id, String label) {}

  @Override
  public String toString() {
    return "RawNotification["
        + id
        + " "
        + microapp
        + "/"
        + rule
        + " "
        + recordKey.orElse("-")
        + " to "
        + users.size()
        + "]";
  }
}
