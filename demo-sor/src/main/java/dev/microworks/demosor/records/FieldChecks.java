package dev.microworks.demosor.records;

import dev.microworks.demosor.web.ApiError;
import dev.microworks.demosor.web.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Collects every invalid field of a request body, then answers 400 listing all of them. */
final class FieldChecks {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final List<ApiError.FieldError> errors = new ArrayList<>();

  /** A non-blank text of at most maxLength characters; null if invalid or optional and absent. */
  String text(String field, String value, boolean required, int maxLength) {
    if (value == null || value.isBlank()) {
      if (required) {
        fail(field, "is required and must not be blank");
      }
      return null;
    }
    if (value.length() > maxLength) {
      fail(field, "must be at most " + maxLength + " characters, was " + value.length());
      return null;
    }
    return value;
  }

  /** An e-mail address; null if invalid or optional and absent. */
  String email(String field, String value, boolean required) {
    String text = text(field, value, required, 254);
    if (text != null && !EMAIL.matcher(text).matches()) {
      fail(field, "must be an e-mail address such as alice@demo.microworks.dev");
      return null;
    }
    return text;
  }

  /** One of a fixed set of values; null if invalid or absent. */
  <T> T oneOf(String field, String value, Function<String, Optional<T>> parser, String allowed) {
    if (value == null) {
      fail(field, "is required; allowed: " + allowed);
      return null;
    }
    Optional<T> parsed = parser.apply(value);
    if (parsed.isEmpty()) {
      fail(field, "must be one of " + allowed + ", was '" + value + "'");
    }
    return parsed.orElse(null);
  }

  /** An optional ISO local date (yyyy-MM-dd); null if invalid or absent. */
  LocalDate date(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      fail(field, "must be an ISO date such as 2025-03-31, was '" + value + "'");
      return null;
    }
  }

  /** Answers 400 listing every invalid field, if there is any. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ApiException.invalidFields(List.copyOf(errors));
    }
  }

  private void fail(String field, String message) {
    errors.add(new ApiError.FieldError(field, message));
  }
}
