package dev.microworks.demosor.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error that the API answers with its status and an {@link ApiError} body. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String error;
  private final transient List<ApiError.FieldError> fields;

  ApiException(HttpStatus status, String error, String message, List<ApiError.FieldError> fields) {
    super(message);
    this.status = status;
    this.error = error;
    this.fields = fields;
  }

  /** 400 {@code bad_request}: the message says what was wrong and what is allowed. */
  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message, null);
  }

  /** 400 {@code validation_failed} listing every invalid field. */
  public static ApiException invalidFields(List<ApiError.FieldError> fields) {
    StringBuilder message = new StringBuilder("invalid fields:");
    fields.forEach(
        f -> message.append(' ').append(f.field()).append(" (").append(f.message()).append(')'));
    return new ApiException(
        HttpStatus.BAD_REQUEST, "validation_failed", message.toString(), fields);
  }

  /** 404 {@code not_found}. */
  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message, null);
  }

  /** 403 {@code forbidden}. */
  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, null);
  }

  /** 409 {@code conflict}. */
  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", message, null);
  }

  /** The HTTP status of the answer. */
  public HttpStatus status() {
    return status;
  }

  /** The error body of the answer. */
  public ApiError body() {
    return new ApiError(error, getMessage(), fields);
  }
}
