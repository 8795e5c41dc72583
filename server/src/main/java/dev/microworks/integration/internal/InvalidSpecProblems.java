package dev.microworks.integration.internal;

import dev.microworks.integration.InvalidSpecException;
import dev.microworks.integration.SpecProblem;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An invalid spec is a 422 problem (RFC 9457) listing every problem with line, column and path.
 * Other errors of these controllers are {@code ResponseStatusException}s, which Spring Boot's
 * problem-details handler ({@code spring.mvc.problemdetails.enabled}) renders the same way.
 */
@RestControllerAdvice(
    assignableTypes = {IntegrationController.class, CachedRecordsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSpecProblems {

  static final URI TYPE = URI.create("urn:microworks:problem:invalid-integration-spec");

  /** One problem as the API shows it; the source is the request, so it is left out. */
  record Problem(int line, int column, String path, String message) {
    static Problem of(SpecProblem problem) {
      return new Problem(problem.line(), problem.column(), problem.path(), problem.message());
    }
  }

  @ExceptionHandler(InvalidSpecException.class)
  ProblemDetail invalidSpec(InvalidSpecException invalid) {
    List<SpecProblem> problems = invalid.problems();
    ProblemDetail detail =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in integration spec "
                + (problems.isEmpty() ? "" : problems.get(0).source())
                + "; nothing was saved.");
    detail.setType(TYPE);
    detail.setTitle("Invalid integration spec");
    detail.setProperty("problems", problems.stream().map(Problem::of).toList());
    return detail;
  }
}
