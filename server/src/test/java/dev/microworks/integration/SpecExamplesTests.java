package dev.microworks.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.IncrementalSpec.DateFormat;
import dev.microworks.integration.PaginationSpec.CursorPagination;
import dev.microworks.integration.PaginationSpec.LinkHeaderPagination;
import dev.microworks.integration.PaginationSpec.OffsetPagination;
import dev.microworks.integration.PaginationSpec.PagePagination;
import dev.microworks.integration.ScheduleSpec.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped example specs and the documented example parse to the model they describe. */
class SpecExamplesTests {

  static String resource(String name) {
    try (InputStream in = SpecExamplesTests.class.getResourceAsStream("/integrations/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static IntegrationSpec example(String name) {
    return IntegrationSpecs.parse(resource(name), name);
  }

  @Test
  void offsetExampleParsesToTheExpectedModel() {
    IntegrationSpec spec = example("demo-sor-offset.yaml");

    assertThat(spec.id()).isEqualTo("demo-sor-offset");
    assertThat(spec.connection())
        .isEqualTo(
            new ConnectionSpec(
                URI.create("http://127.0.0.1:8081"),
                Duration.ofSeconds(30),
                Optional.of(new RateLimitSpec(20, Duration.ofSeconds(1))),
                true,
                false,
                List.of("127.0.0.1")));
    assertThat(spec.serviceSecurity())
        .isEqualTo(
            new SecuritySpec.OAuth2ClientCredentials(
                URI.create("http://127.0.0.1:8081/oauth2/token"),
                List.of("read", "write"),
                ClientAuth.BASIC_HEADER,
                "demo-sor-service"));
    assertThat(spec.userSecurity())
        .contains(
            new UserSecuritySpec(
                URI.create("http://127.0.0.1:8081/oauth2/authorize"),
                URI.create("http://127.0.0.1:8081/oauth2/token"),
                List.of("read", "write"),
                ClientAuth.BASIC_HEADER,
                true,
                "demo-sor-user-actions"));
    assertThat(spec.tables())
        .extracting(TableSpec::name)
        .containsExactly("tickets", "ticket_comments", "pto_requests", "expenses");

    TableSpec tickets = spec.table("tickets").orElseThrow();
    assertThat(tickets.rootPath()).isEqualTo("items");
    assertThat(tickets.primaryKey())
        .containsExactly(new ColumnSpec("key", "key", ColumnType.STRING, true, false, false));
    assertThat(tickets.column("assignee_email").orElseThrow().lookup()).isTrue();
    assertThat(tickets.column("due_date").orElseThrow().type()).isEqualTo(ColumnType.DATE);
    assertThat(tickets.storedColumns()).extracting(ColumnSpec::name).doesNotContain("comments");
    assertThat(tickets.pagination())
        .isEqualTo(new OffsetPagination("offset", "limit", 50, Optional.of("total"), 100_000));
    EndpointSpec list = tickets.list().orElseThrow();
    assertThat(list.full())
        .isEqualTo(
            new RequestSpec(
                "GET", "/api/offset/tickets", Map.of(), Map.of(), PostMode.NONE, Optional.empty()));
    assertThat(list.incremental().orElseThrow().query())
        .containsExactly(Map.entry("updated_since", "{lastSync}"));
    assertThat(tickets.detail().orElseThrow().full().uri()).isEqualTo("/api/tickets/{key}");
    assertThat(tickets.incremental())
        .contains(
            new IncrementalSpec(
                "lastSync", DateFormat.ISO_INSTANT, Optional.empty(), Duration.ofMinutes(5)));
    assertThat(tickets.retention()).isEqualTo(new RetentionSpec.ReplaceOnFullSync());

    TableSpec comments = spec.table("ticket_comments").orElseThrow();
    assertThat(comments.merge()).isEqualTo(MergeStrategy.SUB_LIST);
    assertThat(comments.parentTable()).contains("tickets");
    assertThat(comments.subListPath()).contains("comments");
    assertThat(comments.list()).isEmpty();
    assertThat(comments.column("ticket_key").orElseThrow().path()).isEqualTo("$parent.key");

    assertThat(spec.table("pto_requests").orElseThrow().syncWindow())
        .isEqualTo(Duration.ofDays(180));
    TableSpec expenses = spec.table("expenses").orElseThrow();
    assertThat(expenses.column("amount").orElseThrow().type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(expenses.retention()).isEqualTo(new RetentionSpec.KeepFor(Duration.ofDays(365)));
    assertThat(expenses.column("approver_email").orElseThrow().lookup()).isTrue();

    assertThat(spec.relationships())
        .containsExactly(
            new RelationshipSpec(
                "ticket_comments",
                "ticket_key",
                "tickets",
                "key",
                RelationshipSpec.Cardinality.MANY_TO_ONE));
    assertThat(spec.schedules())
        .isEqualTo(
            new ScheduleSpec(
                new Trigger.Every(Duration.ofDays(1)),
                new Trigger.Every(Duration.ofMinutes(15)),
                Optional.empty(),
                ZoneId.of("UTC")));
  }

  @Test
  void pageExampleUsesOneBasedPagesAndAnApiKey() {
    IntegrationSpec spec = example("demo-sor-page.yaml");

    assertThat(spec.serviceSecurity())
        .isEqualTo(
            new SecuritySpec.ApiKey(
                SecuritySpec.Placement.HEADER, "X-API-Key", "demo-sor-api-key"));
    assertThat(spec.tables())
        .extracting(TableSpec::name)
        .containsExactly("tickets", "ticket_comments", "pto_requests", "expenses");
    for (TableSpec table : spec.tables()) {
      if (table.list().isEmpty()) {
        continue; // ticket_comments: a sub-list of tickets
      }
      assertThat(table.rootPath()).isEqualTo("data");
      assertThat(table.pagination())
          .isEqualTo(new PagePagination("page", "per_page", 1, 50, 100_000));
      assertThat(table.list().orElseThrow().full().uri()).startsWith("/api/paged/");
    }
    assertThat(spec.schedules().incremental())
        .isEqualTo(new Trigger.Every(java.time.Duration.ofMinutes(15)));
  }

  @Test
  void cursorExampleFollowsNextCursor() {
    IntegrationSpec spec = example("demo-sor-cursor.yaml");

    assertThat(spec.table("pto_requests").orElseThrow().pagination())
        .isEqualTo(
            new CursorPagination("cursor", "next_cursor", Optional.of("limit"), 50, 100_000));
    assertThat(spec.table("expenses").orElseThrow().list().orElseThrow().full().uri())
        .isEqualTo("/api/cursor/expenses");
    assertThat(spec.serviceSecurity()).isInstanceOf(SecuritySpec.OAuth2ClientCredentials.class);
  }

  @Test
  void linkExampleReadsPlainArraysAndFollowsTheLinkHeader() {
    IntegrationSpec spec = example("demo-sor-link.yaml");

    for (TableSpec table : spec.tables()) {
      if (table.list().isEmpty()) {
        continue; // ticket_comments: a sub-list of tickets
      }
      assertThat(table.rootPath()).isEmpty();
      assertThat(table.pagination())
          .isEqualTo(new LinkHeaderPagination(Optional.of("per_page"), 50, 10_000));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo-sor-offset.yaml",
        "demo-sor-page.yaml",
        "demo-sor-cursor.yaml",
        "demo-sor-link.yaml"
      })
  void exportedYamlParsesBackToTheSameSpec(String name) {
    IntegrationSpec spec = example(name);

    String yaml = IntegrationSpecs.toYaml(spec);

    assertThat(IntegrationSpecs.parse(yaml, "exported-" + name)).isEqualTo(spec);
    assertThat(yaml).contains("credential: demo-sor-").doesNotContain("password", "secret:");
  }

  @Test
  void documentedExampleIsTheShippedOffsetExample() throws IOException {
    String doc = Files.readString(documentation());
    Matcher block =
        Pattern.compile("<!-- complete-example -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(doc);
    assertThat(block.find())
        .as("docs/integration-spec.md has a complete-example yaml block")
        .isTrue();

    IntegrationSpec documented = IntegrationSpecs.parse(block.group(1), "integration-spec.md");

    assertThat(documented).isEqualTo(example("demo-sor-offset.yaml"));
  }

  @Test
  void defaultsAreAppliedToAMinimalSpec() {
    IntegrationSpec spec = IntegrationSpecs.parse(SpecFixtures.MINIMAL, "minimal.yaml");

    assertThat(spec.connection().verifyTls()).isTrue();
    assertThat(spec.connection().viaConnector()).isFalse();
    assertThat(spec.connection().allowedHosts()).isEmpty();
    assertThat(spec.connection().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.connection().rateLimit()).isEmpty();
    assertThat(spec.userSecurity()).isEmpty();
    assertThat(spec.schedules().full()).isEqualTo(new Trigger.Every(Duration.ofDays(1)));
    assertThat(spec.schedules().incremental()).isEqualTo(new Trigger.Every(Duration.ofMinutes(15)));
    assertThat(spec.schedules().window()).isEmpty();
    assertThat(spec.schedules().zone()).isEqualTo(ZoneOffset.UTC);
    TableSpec table = spec.tables().get(0);
    assertThat(table.syncWindow()).isEqualTo(Duration.ofDays(90));
    assertThat(table.retention()).isEqualTo(new RetentionSpec.ReplaceOnFullSync());
    assertThat(table.merge()).isEqualTo(MergeStrategy.NONE);
    assertThat(table.rootPath()).isEmpty();
    assertThat(table.pagination()).isEqualTo(new PaginationSpec.NoPagination(100_000));
    assertThat(table.columns().get(0).path()).isEqualTo("id");
    assertThat(table.list().orElseThrow().full().method()).isEqualTo("GET");
  }

  @Test
  void schedulesAcceptCronManualWindowAndZone() {
    IntegrationSpec spec =
        IntegrationSpecs.parse(
            SpecFixtures.MINIMAL
                + "schedules:\n"
                + "  full: {cron: \"0 30 2 * * MON-FRI\"}\n"
                + "  incremental: manual\n"
                + "  window: {from: \"22:00\", to: \"24:00\"}\n"
                + "  time-zone: Europe/Berlin\n",
            "schedules.yaml");

    assertThat(spec.schedules())
        .isEqualTo(
            new ScheduleSpec(
                new Trigger.Cron("0 30 2 * * MON-FRI"),
                new Trigger.Manual(),
                Optional.of(
                    new ScheduleSpec.RunWindow(
                        java.time.LocalTime.of(22, 0), java.time.LocalTime.MIDNIGHT)),
                ZoneId.of("Europe/Berlin")));
    assertThat(spec.schedules().window().orElseThrow().contains(java.time.LocalTime.of(23, 0)))
        .isTrue();
    assertThat(spec.schedules().window().orElseThrow().contains(java.time.LocalTime.of(21, 0)))
        .isFalse();
  }

  @Test
  void lastSyncFormatsAnInstantInEveryFormat() {
    Instant instant = Instant.parse("2024-05-31T08:15:30.123Z");
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    assertThat(lastSync(DateFormat.ISO_INSTANT, null).format(instant, berlin))
        .isEqualTo("2024-05-31T08:15:30Z");
    assertThat(lastSync(DateFormat.LOCAL_DATE_TIME, null).format(instant, berlin))
        .isEqualTo("2024-05-31T10:15:30");
    assertThat(lastSync(DateFormat.OFFSET_DATE_TIME, null).format(instant, berlin))
        .isEqualTo("2024-05-31T10:15:30+02:00");
    assertThat(lastSync(DateFormat.POSIX_SECONDS, null).format(instant, berlin))
        .isEqualTo("1717143330");
    assertThat(lastSync(DateFormat.CUSTOM, "'modifiedon ge' yyyy-MM-dd").format(instant, berlin))
        .isEqualTo("modifiedon ge 2024-05-31");
    assertThat(lastSync(DateFormat.ISO_INSTANT, null).value(instant, berlin))
        .isEqualTo("2024-05-31T08:10:30Z");
  }

  private static IncrementalSpec lastSync(DateFormat format, String pattern) {
    return new IncrementalSpec(
        "lastSync", format, Optional.ofNullable(pattern), Duration.ofMinutes(5));
  }

  static Path documentation() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs/integration-spec.md");
      if (Files.exists(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException("docs/integration-spec.md not found above " + here);
  }
}
