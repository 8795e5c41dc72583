package dev.microworks.demosor.records;

import dev.microworks.demosor.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses query parameters, answering 400 with what was wrong and what is allowed. */
final class QueryParams {

  private QueryParams() {}

  /** An integer in [min, max], or the default if the parameter is absent. */
  static int intParam(String name, String value, int defaultValue, int min, int max) {
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw ApiException.badRequest(
        name + " must be an integer from " + min + " to " + max + ", was '" + value + "'");
  }

  /** The {@code updated_since} filter, or null if absent. */
  static Instant since(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiException.badRequest(
            "updated_since must be an ISO-8601 instant such as 2025-01-31T09:30:00Z, was '"
                + value
                + "'");
      }
    }
  }
}
