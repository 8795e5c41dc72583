package dev.microworks.microapp.internal;

import dev.microworks.identity.UserView;
import dev.microworks.microapp.MicroappDefinition.Action;
import dev.microworks.microapp.MicroappDefinition.Card;
import dev.microworks.microapp.RawNotification;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

/** Fills a rule's card template from a record. */
final class Notifications {

  private Notifications() {}

  static RawNotification of(
      dev.microworks.tenant.TenantId tenant,
      CompiledMicroapp app,
      CompiledRule rule,
      Optional<String> recordKey,
      Map<String, Object> record,
      List<UserView> users,
      Instant now) {
    Card card = rule.rule().card();
    List<RawNotification.Field> fields = new ArrayList<>();
    for (String column : record == null ? List.<String>of() : card.fields()) {
      fields.add(
          new RawNotification.Field(
              label(column), RecordValues.display(rule.table(), column, record.get(column))));
    }
    List<RawNotification.Button> buttons = new ArrayList<>();
    card.page()
        .flatMap(app.definition::page)
        .ifPresent(
            page -> {
              for (String id : card.actions()) {
                page.actions().stream()
                    .filter(action -> action.id().equals(id))
                    .map(Action::label)
                    .findFirst()
                    .ifPresent(label -> buttons.add(new RawNotification.Button(id, label)));
              }
            });
    Optional<Instant> due =
        card.dueColumn()
            .filter(column -> record != null)
            .map(record::get)
            .filter(Instant.class::isInstance)
            .map(Instant.class::cast);
    return new RawNotification(
        UUID.randomUUID(),
        tenant,
        app.definition.id(),
        app.definition.title(),
        rule.rule().id(),
        app.spec.id(),
        rule.table().name(),
        recordKey,
        users.stream().map(UserView::id).toList(),
        fill(card.title(), rule, record),
        fill(card.body(), rule, record),
        fields,
        card.priority(),
        due,
        card.page(),
        buttons,
        now);
  }

  /** {@code {column}} replaced by the record's value (empty when null or unknown). */
  static String fill(String template, CompiledRule rule, Map<String, Object> record) {
    if (record == null) {
      return template;
    }
    Matcher matcher = CompiledMicroapp.PLACEHOLDER.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          filled,
          Matcher.quoteReplacement(
              RecordValues.display(rule.table(), matcher.group(1), record.get(matcher.group(1)))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** {@code due_date} → {@code Due date}. */
  static String label(String column) {
    String words = column.replace('_', ' ').trim();
    return words.isEmpty()
        ? column
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
