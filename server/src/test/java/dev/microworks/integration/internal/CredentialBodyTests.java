package dev.microworks.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class CredentialBodyTests {

  private static final String SECRET = "s3cr3t-CANARY-4711";

  @Test
  void fieldsAreReadIntoCharArraysAndSnakeCaseNamesAreAccepted() {
    CredentialBody body =
        parse(
            "{\"fields\": {\"client_id\": \"sync\", \"clientSecret\": \"a\\\"b\\u00e9\"},"
                + " \"expires_at\": \"2027-01-31T12:00:00Z\"}");
    assertThat(body.fields()).containsOnlyKeys("clientId", "clientSecret");
    assertThat(new String(body.fields().get("clientSecret"))).isEqualTo("a\"bé");
    assertThat(body.expiresAt()).hasToString("2027-01-31T12:00:00Z");
    assertThat(body.toString()).doesNotContain("sync").contains("clientId");
    body.wipe();
    assertThat(body.fields().get("clientId")).containsOnly('\0');
  }

  @Test
  void malformedBodiesSayWhereAndNeverQuoteTheirContent() {
    assertProblem("{\"fields\": {\"password\": " + SECRET + "}}", 400, "line 1, column");
    assertProblem("{\"fields\": {\"password\": \"" + SECRET, 400, "not valid JSON");
    assertProblem("{\"fields\": {\"password\": \"" + SECRET + "\\q\"}}", 400, "not valid JSON");
    assertProblem("{\"fields\": {\"password\": 42}}", 422, "\"password\" to be a string");
    assertProblem(
        "{\"fields\": {\"password\": \"" + SECRET + "\", \"password\": \"x\"}}",
        422,
        "given twice");
    assertProblem("{\"fields\": {}, \"" + SECRET + "\": 1}", 422, "unknown property");
    assertProblem("{\"fields\": {}, \"expires_at\": \"" + SECRET + "\"}", 422, "ISO-8601");
    assertProblem("{}", 422, "no \"fields\"");
    assertProblem("[\"" + SECRET + "\"]", 422, "a JSON object");
    assertProblem("{\"fields\": {}} \"" + SECRET + "\"", 422, "more after");
  }

  private static void assertProblem(String json, int status, String says) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            ResponseStatusException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(status);
              assertThat(e.getReason()).contains(says).doesNotContain("CANARY");
            });
  }

  private static CredentialBody parse(String json) {
    return CredentialBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
