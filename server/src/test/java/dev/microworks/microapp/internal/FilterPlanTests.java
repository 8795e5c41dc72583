package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.ColumnType;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.RetentionSpec;
import dev.microworks.integration.TableSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPlanTests {

  /** Like the demo's tickets: two lookup columns, a plain one, an ignored lookup one. */
  static final TableSpec TICKETS =
      new TableSpec(
          "tickets",
          List.of(
              column("key", true, false, false),
              column("assignee_email", false, false, true),
              column("reporter_email", false, false, true),
              column("watcher_email", false, false, false),
              column("old_email", false, true, true)),
          MergeStrategy.NONE,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          "",
          new PaginationSpec.NoPagination(1),
          Optional.empty(),
          new RetentionSpec.ReplaceOnFullSync(),
          Duration.ofDays(90),
          Optional.empty());

  @Test
  void anEqualityWithTheUsersEmailOnALookupColumnIsLookedUp() {
    FilterPlan plan = FilterPlan.of("record.assignee_email == user.email", TICKETS);

    assertThat(plan.byLookup()).isTrue();
    assertThat(plan.lookupColumns()).containsExactly("assignee_email");
  }

  @Test
  void eitherSideAndParenthesesAndSpacingAreRecognised() {
    FilterPlan plan = FilterPlan.of("( user.email==record.assignee_email )", TICKETS);

    assertThat(plan.lookupColumns()).containsExactly("assignee_email");
  }

  @Test
  void alternativesJoinedByOrAreOneLookupPerColumn() {
    FilterPlan plan =
        FilterPlan.of(
            "record.assignee_email == user.email || user.email == record.reporter_email"
                + " || (record.assignee_email == user.email)",
            TICKETS);

    assertThat(plan.lookupColumns()).containsExactly("assignee_email", "reporter_email");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a column without a blind index, an ignored one, an undeclared one
        "record.watcher_email == user.email",
        "record.old_email == user.email",
        "record.nobody == user.email",
        "record.assignee_email == user.email || record.watcher_email == user.email",
        // not an equality with the user's e-mail
        "record.assignee_email != user.email",
        "record.assignee_email == 'alice@example.com'",
        "record.assignee_email == user.name",
        "record.assignee_email.lowerAscii() == user.email",
        "has(record.assignee_email) == user.email",
        "record.reporter_email == record.assignee_email",
        // more than equalities joined by ||
        "record.assignee_email == user.email && record.status == 'open'",
        "!(record.assignee_email == user.email)",
        "record.assignee_email == user.email || 'admins' in user.groups",
        "true",
        "record['assignee_email'] == user.email",
        // not even CEL
        "record.assignee_email == "
      })
  void anythingElseIsBrowsed(String filter) {
    FilterPlan plan = FilterPlan.of(filter, TICKETS);

    assertThat(plan.byLookup()).as(filter).isFalse();
    assertThat(plan.lookupColumns()).isEmpty();
  }

  @Test
  void noFilterIsBrowsed() {
    assertThat(FilterPlan.of(Optional.empty(), TICKETS).byLookup()).isFalse();
  }

  private static ColumnSpec column(String name, boolean key, boolean ignored, boolean lookup) {
    return new ColumnSpec(name, name, ColumnType.STRING, key, ignored, lookup);
  }
}
