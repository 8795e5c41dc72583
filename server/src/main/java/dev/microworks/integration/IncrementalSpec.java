package dev.microworks.integration;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The "last synchronisation" parameter of a table's incremental requests.
 *
 * @param parameter template parameter name, used as {@code {lastSync}} in incremental requests
 * @param format how the instant is written
 * @param pattern a {@link DateTimeFormatter} pattern, present exactly when {@code format} is {@link
 *     DateFormat#CUSTOM}
 * @param lookback subtracted from the last synchronisation's start, so records changed while it ran
 *     (or on a skewed clock) are read again; zero or positive
 */
public record IncrementalSpec(
    String parameter, DateFormat format, Optional<String> pattern, Duration lookback) {

  /** How the last-sync instant is written into a request. */
  public enum DateFormat {
    /** {@code 2024-05-31T08:15:00Z} (always UTC). */
    ISO_INSTANT,
    /** {@code 2024-05-31T10:15:00}, in the given zone. */
    LOCAL_DATE_TIME,
    /** {@code 2024-05-31T10:15:00+02:00}, in the given zone. */
    OFFSET_DATE_TIME,
    /** Seconds since 1970-01-01T00:00:00Z, e.g. {@code 1717143300}. */
    POSIX_SECONDS,
    /** {@link DateTimeFormatter#ofPattern(String)} with {@code pattern}, in the given zone. */
    CUSTOM
  }

  public IncrementalSpec {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(lookback, "lookback");
  }

  /**
   * Writes {@code instant}, truncated to seconds, in this format. {@code zone} applies to the local
   * and custom formats; the sync module passes the spec's schedule time zone (default UTC).
   */
  public String format(Instant instant, ZoneId zone) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    return switch (format) {
      case ISO_INSTANT -> DateTimeFormatter.ISO_INSTANT.format(seconds);
      case LOCAL_DATE_TIME -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(seconds.atZone(zone));
      case OFFSET_DATE_TIME -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(seconds.atZone(zone));
      case POSIX_SECONDS -> Long.toString(seconds.getEpochSecond());
      case CUSTOM ->
          DateTimeFormatter.ofPattern(pattern.orElseThrow(), Locale.ROOT)
              .format(seconds.atZone(zone));
    };
  }

  /** The parameter value for a synchronisation whose predecessor started at {@code lastSync}. */
  public String value(Instant lastSync, ZoneId zone) {
    return format(lastSync.minus(lookback), zone);
  }
}
