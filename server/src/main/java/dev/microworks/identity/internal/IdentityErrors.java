package dev.microworks.identity.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link IdentityException}s of the identity API as problem JSON, with a {@code problems} list. */
@RestControllerAdvice(
    assignableTypes = {
      UserAdminController.class,
      GroupAdminController.class,
      MeController.class,
      AccessTokenController.class,
      MfaController.class
    })
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityErrors {

  @ExceptionHandler(IdentityException.class)
  ProblemDetail identity(IdentityException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(e.status().getReasonPhrase());
    if (!e.problems().isEmpty()) {
      problem.setProperty("problems", e.problems());
    }
    return problem;
  }
}
