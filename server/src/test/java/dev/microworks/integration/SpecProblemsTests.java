package dev.microworks.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid specs: every problem is reported at once, with line, path and what was expected. */
class SpecProblemsTests {

  static List<SpecProblem> problems(String yaml) {
    try {
      IntegrationSpecs.parse(yaml, "broken.yaml");
    } catch (InvalidSpecException invalid) {
      return invalid.problems();
    }
    throw new AssertionError("expected the spec to be invalid:\n" + yaml);
  }

  static SpecProblem onlyProblem(String yaml) {
    List<SpecProblem> problems = problems(yaml);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void fivePlantedMistakesAreFiveProblemsInOneException() {
    String yaml = SpecFixtures.resource("/specs/five-mistakes.yaml");

    assertThatThrownBy(() -> IntegrationSpecs.parse(yaml, "broken.yaml"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("5 problems in integration spec broken.yaml")
        .hasMessageContaining(
            "broken.yaml:16:30 tables[0].columns[1].type: expected one of string, integer,"
                + " decimal, boolean, date, datetime, time, json but was 'strng'")
        .satisfies(
            thrown ->
                assertThat(((InvalidSpecException) thrown).problems())
                    .extracting(SpecProblem::line, SpecProblem::path)
                    .containsExactly(
                        tuple(5, "connection.verfy-tls"),
                        tuple(10, "schedules.full.cron"),
                        tuple(11, "schedules.time-zone"),
                        tuple(16, "tables[0].columns[1].type"),
                        tuple(22, "tables[1].parent")));
    List<SpecProblem> problems = problems(yaml);
    assertThat(problems.get(0).message()).contains("unknown key 'verfy-tls'", "verify-tls");
    assertThat(problems.get(1).message()).contains("cron expression", "0 0 25 * * *");
    assertThat(problems.get(2).message()).contains("time zone", "Europe/Berlinn");
    assertThat(problems.get(4).message())
        .isEqualTo("unknown table 'ticket'; expected one of tickets, comments");
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    SpecProblem problem = onlyProblem(SpecFixtures.MINIMAL + "titel: Typo\n");

    assertThat(problem.path()).isEqualTo("titel");
    assertThat(problem.line()).isEqualTo(14);
    assertThat(problem.message()).startsWith("unknown key 'titel'; expected one of");
  }

  @Test
  void inlineSecretsAreErrorsAndNeverEchoed() {
    String yaml =
        SpecFixtures.MINIMAL
            .replace(
                "  type: none\n",
                "  type: basic\n  credential: sor\n  password: hunter2\n  client-secret: s3cr3t\n")
            .replace(
                "        uri: /things\n",
                "        uri: /things\n        headers:\n          Authorization: Bearer abc123\n");

    assertThatThrownBy(() -> IntegrationSpecs.parse(yaml, "secret.yaml"))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            thrown ->
                assertThat(((InvalidSpecException) thrown).problems())
                    .extracting(SpecProblem::path)
                    .containsExactly(
                        "security.password",
                        "security.client-secret",
                        "tables[0].list.full.headers.Authorization"))
        .hasMessageContaining("inline secret")
        .message()
        .doesNotContain("hunter2", "s3cr3t", "abc123");
  }

  @Test
  void inlineTokenUnderSecurityIsAnError() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL.replace(
                "  type: none\n", "  type: bearer\n  credential: sor\n  token: eyJhbGciOi\n"));

    assertThat(problem.path()).isEqualTo("security.token");
    assertThat(problem.message()).startsWith("inline secret");
  }

  @Test
  void badCustomPatternIsReportedWithTheFormatterError() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL.replace(
                "        uri: /things\n",
                """
                        uri: /things
                      incremental:
                        uri: /things?since={lastSync}
                    last-sync:
                      format: custom
                      pattern: yyyy-bb
                """
                    .indent(0)));

    assertThat(problem.path()).isEqualTo("tables[0].last-sync.pattern");
    assertThat(problem.message()).contains("DateTimeFormatter pattern", "'yyyy-bb'");
  }

  @Test
  void unknownRelationshipColumnNamesTheColumnsThatExist() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL
                + "relationships:\n  - {from: things.owner, to: things.id, cardinality: many-to-one}\n");

    assertThat(problem.path()).isEqualTo("relationships[0].from");
    assertThat(problem.message())
        .isEqualTo("unknown column 'owner' of table things; expected one of id");
  }

  @Test
  void unknownTemplateParameterIsReported() {
    SpecProblem problem =
        onlyProblem(SpecFixtures.MINIMAL.replace("uri: /things", "uri: /things/{since}"));

    assertThat(problem.path()).isEqualTo("tables[0].list.full.uri");
    assertThat(problem.message()).isEqualTo("unknown parameter {since}; this request takes none");
  }

  @Test
  void incrementalRequestWithoutLastSyncIsReported() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL.replace(
                "        uri: /things\n",
                "        uri: /things\n      incremental:\n        uri: /things\n"));

    assertThat(problem.path()).isEqualTo("tables[0].last-sync");
    assertThat(problem.message())
        .isEqualTo("is required because an incremental request is declared");
  }

  @Test
  void tableWithoutPrimaryKeyIsReported() {
    SpecProblem problem = onlyProblem(SpecFixtures.MINIMAL.replace(", primary-key: true", ""));

    assertThat(problem.path()).isEqualTo("tables[0].columns");
    assertThat(problem.message()).isEqualTo("expected at least one column with primary-key: true");
  }

  @Test
  void detailMergeNeedsADetailEndpoint() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL.replace(
                "  - name: things\n", "  - name: things\n    merge: detail\n"));

    assertThat(problem.path()).isEqualTo("tables[0].detail");
  }

  @Test
  void loopbackBaseUrlNeedsAnAllowList() {
    SpecProblem problem =
        onlyProblem(
            SpecFixtures.MINIMAL.replace("https://sor.example.com/api", "http://127.0.0.1:8081"));

    assertThat(problem.path()).isEqualTo("connection.base-url");
    assertThat(problem.message()).contains("allowed-hosts", "via-connector");
  }

  @Test
  void duplicateKeysAndBadValuesAreAllReported() {
    List<SpecProblem> problems =
        problems(
            SpecFixtures.MINIMAL
                .replace("title: Minimal\n", "title: Minimal\ntitle: Again\n")
                .replace(
                    "  base-url: https://sor.example.com/api\n",
                    "  base-url: ftp://sor.example.com\n  timeout: 30s\n  verify-tls: yes\n"));

    assertThat(problems)
        .extracting(SpecProblem::path)
        .containsExactly(
            "title", "connection.base-url", "connection.timeout", "connection.verify-tls");
    assertThat(problems.get(2).message()).contains("ISO-8601 duration", "PT30S", "'30s'");
  }

  @Test
  void malformedYamlIsOneProblemWithItsPosition() {
    SpecProblem problem = onlyProblem("id: x\ntitle: [unclosed\n");

    assertThat(problem.line()).isGreaterThanOrEqualTo(2);
    assertThat(problem.message()).startsWith("not valid YAML");
  }

  @Test
  void problemPrintsAsSourceLineColumnPathMessage() {
    assertThat(new SpecProblem("demo.yaml", 12, 7, "tables[0].columns[2].type", "expected x"))
        .hasToString("demo.yaml:12:7 tables[0].columns[2].type: expected x");
  }
}
