package dev.microworks.wallet;

import dev.microworks.testsupport.ApiClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/** What an error answer of the API must be: RFC 9457 problem JSON that says what and where. */
final class ProblemAssertions {

  private ProblemAssertions() {}

  /** A problem of {@code status} whose detail holds each of {@code says}. */
  static void assertProblem(
      SoftAssertions softly,
      String what,
      HttpResponse<String> answer,
      int status,
      List<String> says) {
    softly
        .assertThat(answer.statusCode())
        .as(what + ": status; " + answer.body())
        .isEqualTo(status);
    softly
        .assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .as(what + ": content type")
        .startsWith("application/problem+json");
    JsonNode problem;
    try {
      problem = ApiClient.json(answer);
    } catch (RuntimeException notJson) {
      softly.fail(what + ": not JSON: " + answer.body());
      return;
    }
    softly.assertThat(problem.path("status").asInt()).as(what + ": status field").isEqualTo(status);
    softly.assertThat(problem.path("detail").asString("")).as(what + ": detail").contains(says);
  }

  /** The answer's first spec problem has a line and column and a message starting {@code says}. */
  static void assertLocated(
      SoftAssertions softly, String what, HttpResponse<String> answer, String says) {
    JsonNode problem = ApiClient.json(answer).path("problems").path(0);
    softly.assertThat(problem.path("message").asString("")).as(what).startsWith(says);
    softly.assertThat(problem.path("line").asInt()).as(what + ": line").isPositive();
    softly.assertThat(problem.path("column").asInt()).as(what + ": column").isPositive();
  }
}
