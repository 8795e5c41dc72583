package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.integration.SpecProblem;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.microapp.MicroappDefinition.Trigger;
import dev.microworks.microapp.internal.CelExpressions.Bindings;
import dev.microworks.microapp.internal.CompiledMicroapp.CompiledRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Microapp definitions: parsing, validation against the integration, and rule semantics. */
class DefinitionTests {

  static final IntegrationSpec DEMO =
      IntegrationSpecs.parse(resource("/integrations/demo-sor-offset.yaml"), "demo");

  static CompiledMicroapp compile(String yaml) {
    CompiledMicroapp[] compiled = new CompiledMicroapp[1];
    DefinitionParser.parse(
        yaml, "test.yaml", (d, p) -> compiled[0] = CompiledMicroapp.compile(d, DEMO, p));
    return compiled[0];
  }

  @Test
  void theShippedDemoMicroappsAreValidAgainstTheDemoIntegration() {
    CompiledMicroapp helpdesk = compile(resource("/microapps/demo-helpdesk.yaml"));
    CompiledMicroapp approvals = compile(resource("/microapps/demo-approvals.yaml"));

    assertThat(helpdesk.definition.pages()).hasSize(2);
    assertThat(helpdesk.rules).containsOnlyKeys("assigned-to-me", "due-tomorrow", "overdue");
    assertThat(helpdesk.filter("tickets")).isPresent();
    assertThat(approvals.rules.get("pto-to-approve").rule().trigger()).isEqualTo(Trigger.NEW);
  }

  @Test
  void everyMistakeIsReportedWithLineColumnPathAndWhatIsExpected() {
    String yaml =
        """
        id: Bad_Id
        title: t
        integration: demo-sor-offset
        subscribers: {users: [a@example.org]}
        filters:
          tickets: record.assignee_email == user.email &&
          nowhere: "true"
        pages:
          - {id: list, type: list, title: L, table: tickets, columns: [key, titel]}
        notifications:
          - id: r
            table: tickets
            trigger: chnage
            when: {column: priority, becomes: greater, value: "x"}
            audience: {column: assignee_email, groups: [g]}
            card: {title: "{key} {nope}", page: missing}
          - id: r
            table: pto_requests
            trigger: change
            when:
              any:
                - {column: amount, increases-by: 10}
                - {column: status, is: equal-to}
            audience: {column: tickets.assignee_email}
            card: {title: x}
        """;

    assertThatThrownBy(() -> compile(yaml))
        .isInstanceOfSatisfying(
            InvalidMicroappException.class,
            e -> {
              List<String> problems = e.problems().stream().map(SpecProblem::toString).toList();
              assertThat(problems)
                  .anySatisfy(
                      p -> assertThat(p).startsWith("test.yaml:1:1 id: expected lower-case"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .startsWith(
                                  "test.yaml:13:14 notifications[0].trigger: expected one of new, change"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains("notifications[0].audience: give exactly one of column"));
              assertThat(e.getMessage()).contains("problems in microapp definition test.yaml");
            });
  }

  @Test
  void referencesAreCheckedAgainstTheIntegrationSpec() {
    String yaml =
        """
        id: refs
        title: t
        integration: demo-sor-offset
        subscribers: {users: [a@example.org]}
        filters:
          tickets: record.assignee_email == user.email &&
          nowhere: "true"
        pages:
          - {id: list, type: list, title: L, table: tickets, columns: [key, titel]}
        notifications:
          - id: r
            table: tickets
            trigger: change
            when: {column: priority, becomes: greater, value: "x"}
            audience: {column: assignee_email}
            card: {title: "{key} {nope}", page: missing}
          - id: s
            table: pto_requests
            trigger: change
            when:
              any:
                - {column: amount, increases-by: 10}
                - {column: status, is: equal-to, value: x}
            audience: {column: tickets.assignee_email}
            card: {title: x}
        """;

    assertThatThrownBy(() -> compile(yaml))
        .isInstanceOfSatisfying(
            InvalidMicroappException.class,
            e -> {
              List<String> problems = e.problems().stream().map(SpecProblem::toString).toList();
              assertThat(problems)
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .startsWith(
                                  "test.yaml:6:3 filters.tickets: not a valid CEL condition")
                              .contains("at 1:"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains(
                                  "filters.nowhere: integration demo-sor-offset has no table"
                                      + " 'nowhere'"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains(
                                  "pages[0].columns[1]: table tickets has no stored column"
                                      + " 'titel'"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains("card.title: table tickets has no stored column 'nope'"))
                  .anySatisfy(
                      p -> assertThat(p).contains("card.page: no page has the id 'missing'"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains(
                                  "notifications[1].when.any[0].column: table pto_requests has"
                                      + " no stored column 'amount'"))
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .contains(
                                  "notifications[1].audience.column: an e-mail column of"
                                      + " another table is read through a many-to-one relationship"));
            });
  }

  @Test
  void becomesChangesAndIncreasesByCompareTheRecordBeforeAndAfter() {
    CompiledMicroapp app =
        compile(
            """
            id: sem
            title: t
            integration: demo-sor-offset
            subscribers: {all-users: true}
            notifications:
              - id: high
                table: tickets
                trigger: change
                when: {column: priority, becomes: equal-to, value: high}
                audience: {column: assignee_email}
                card: {title: x}
              - id: moved
                table: tickets
                trigger: change
                when: {column: assignee_email, changes: true}
                audience: {column: assignee_email}
                card: {title: x}
              - id: grew
                table: expenses
                trigger: change
                when: {column: amount, increases-by: 100}
                audience: {column: approver_email}
                card: {title: x}
              - id: late
                table: tickets
                trigger: query
                every: PT1H
                when: {column: due_date, is: less, now: true}
                audience: {column: assignee_email}
                card: {title: x}
            """);
    CompiledRule high = app.rules.get("high");
    assertThat(high.trigger().test(bind(Map.of("priority", "high"), Map.of("priority", "low"))))
        .isTrue();
    assertThat(high.trigger().test(bind(Map.of("priority", "high"), Map.of("priority", "high"))))
        .as("already high: does not become high")
        .isFalse();
    assertThat(high.state().test(bind(Map.of("priority", "high"), Map.of("priority", "high"))))
        .as("but still matches (no expiry)")
        .isTrue();
    CompiledRule moved = app.rules.get("moved");
    assertThat(
            moved
                .trigger()
                .test(bind(Map.of("assignee_email", "b"), Map.of("assignee_email", "a"))))
        .isTrue();
    assertThat(
            moved
                .trigger()
                .test(bind(Map.of("assignee_email", "a"), Map.of("assignee_email", "a"))))
        .isFalse();
    CompiledRule grew = app.rules.get("grew");
    assertThat(grew.trigger().test(bind(Map.of("amount", 250.0), Map.of("amount", 100.0))))
        .isTrue();
    assertThat(grew.trigger().test(bind(Map.of("amount", 150.0), Map.of("amount", 100.0))))
        .isFalse();
    Map<String, Object> noAmount = new HashMap<>();
    noAmount.put("amount", NullValue.NULL_VALUE);
    assertThat(grew.trigger().test(bind(Map.of("amount", 250.0), noAmount))).isFalse();
    CompiledRule late = app.rules.get("late");
    Map<String, Object> nullDue = new HashMap<>();
    nullDue.put("due_date", NullValue.NULL_VALUE);
    assertThat(
            late.state()
                .test(bind(Map.of("due_date", Instant.parse("2000-01-01T00:00:00Z")), Map.of())))
        .isTrue();
    assertThat(late.state().test(bind(nullDue, Map.of()))).as("no due date: not late").isFalse();
  }

  @Test
  void aCardIsFilledFromItsRecordWithDatesAsDates() {
    CompiledMicroapp approvals = compile(resource("/microapps/demo-approvals.yaml"));
    CompiledRule rule = approvals.rules.get("pto-to-approve");
    Map<String, Object> record = new HashMap<>();
    record.put("key", "PTO-7");
    record.put("requester_email", "carol@example.org");
    record.put("from_date", Instant.parse("2026-12-01T00:00:00Z"));
    record.put("to_date", Instant.parse("2026-12-03T00:00:00Z"));

    var card =
        Notifications.of(
            dev.microworks.tenant.TenantId.DEFAULT,
            approvals,
            rule,
            java.util.Optional.of("PTO-7"),
            record,
            List.of(),
            Instant.parse("2026-11-27T10:00:00Z"));

    assertThat(card.title()).isEqualTo("carol@example.org asks for time off");
    assertThat(card.body()).isEqualTo("From 2026-12-01 to 2026-12-03");
    assertThat(card.fields())
        .extracting(f -> f.label() + "=" + f.value())
        .containsExactly("From date=2026-12-01", "To date=2026-12-03");
    assertThat(card.actions()).extracting(b -> b.label()).containsExactly("Approve", "Reject");
    assertThat(card.dueAt()).contains(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(card.toString()).doesNotContain("carol");
  }

  private static Bindings bind(Map<String, Object> record, Map<String, Object> before) {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    return new Bindings(record, before, Map.of(), now, Instant.parse("2026-11-27T00:00:00Z"));
  }

  static String resource(String path) {
    try (InputStream in = DefinitionTests.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
