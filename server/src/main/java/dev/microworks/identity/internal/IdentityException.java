package dev.microworks.identity.internal;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request to the identity API that cannot be done as asked, with every problem found and the
 * status that says why (404 unknown, 409 conflicting, 422 invalid). Messages name users by e-mail
 * and groups by name; they never quote a password or a token.
 */
final class IdentityException extends RuntimeException {

  private final HttpStatus status;
  private final List<String> problems;

  private IdentityException(HttpStatus status, String detail, List<String> problems) {
    super(detail);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  static IdentityException notFound(String detail) {
    return new IdentityException(HttpStatus.NOT_FOUND, detail, List.of());
  }

  static IdentityException conflict(String detail) {
    return new IdentityException(HttpStatus.CONFLICT, detail, List.of());
  }

  /** 422 listing {@code problems}; the detail counts them. */
  static IdentityException invalid(String what, List<String> problems) {
    return new IdentityException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with " + what + ".",
        problems);
  }

  HttpStatus status() {
    return status;
  }

  List<String> problems() {
    return problems;
  }
}
