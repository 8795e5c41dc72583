package dev.microworks.demosor.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON body of every error answer of the demo SoR.
 *
 * @param error a stable machine-readable code, e.g. {@code bad_request}, {@code not_found}
 * @param message what was wrong and, where it applies, what is allowed
 * @param fields for validation errors: every invalid field, otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, List<FieldError> fields) {

  /** Creates an error without field details. */
  public ApiError(String error, String message) {
    this(error, message, null);
  }

  /**
   * One invalid request field.
   *
   * @param field the field's JSON name
   * @param message what is wrong with it and what is allowed
   */
  public record FieldError(String field, String message) {}
}
