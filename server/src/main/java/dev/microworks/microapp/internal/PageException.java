package dev.microworks.microapp.internal;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Why a page cannot be read, with the status and the text its problem JSON carries. A hidden record
 * and a missing one are the same {@link #recordNotFound} problem.
 */
final class PageException extends RuntimeException {

  private final HttpStatus status;
  private final URI type;

  private PageException(HttpStatus status, String type, String message) {
    super(message);
    this.status = status;
    this.type = URI.create("urn:microworks:problem:" + type);
  }

  HttpStatus status() {
    return status;
  }

  URI type() {
    return type;
  }

  /** The answer for a microapp that does not exist and for one the user does not subscribe to. */
  static PageException appNotFound(String app) {
    return new PageException(HttpStatus.NOT_FOUND, "not-found", "No microapp '" + app + "'.");
  }

  static PageException notFound(String message) {
    return new PageException(HttpStatus.NOT_FOUND, "not-found", message);
  }

  /**
   * The answer for a record that does not exist and for one the user may not see: the same text,
   * without the key, so the answer reveals nothing.
   */
  static PageException recordNotFound(String app, String page) {
    return new PageException(
        HttpStatus.NOT_FOUND,
        "not-found",
        "No such record on page '" + page + "' of microapp '" + app + "'.");
  }

  static PageException badRequest(String message) {
    return new PageException(HttpStatus.BAD_REQUEST, "bad-request", message);
  }

  static PageException paused(String app) {
    return new PageException(
        HttpStatus.CONFLICT,
        "microapp-paused",
        "Microapp '"
            + app
            + "' is paused: its definition no longer fits its integration. A microapp admin must"
            + " save it again.");
  }

  static PageException tooLarge(String message) {
    return new PageException(HttpStatus.UNPROCESSABLE_CONTENT, "page-too-large", message);
  }
}
