package dev.microworks.demosor.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Status of a ticket: {@code open}, {@code in_progress}, {@code resolved}, {@code closed}. */
enum TicketStatus {
  OPEN,
  IN_PROGRESS,
  RESOLVED,
  CLOSED;

  private final String fromOpen = "open -> " + json();

  /** History detail of a change from open to this status (shared, so seeding allocates none). */
  String fromOpen() {
    return fromOpen;
  }

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<TicketStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.json().equals(value)).findFirst();
  }

  static String allowed() {
    return Arrays.stream(values()).map(TicketStatus::json).collect(Collectors.joining(", "));
  }
}
