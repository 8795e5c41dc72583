package dev.microworks.demosor.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Priority of a ticket: {@code low}, {@code medium}, {@code high}, {@code critical}. */
enum Priority {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Priority> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.json().equals(value)).findFirst();
  }

  static String allowed() {
    return Arrays.stream(values()).map(Priority::json).collect(Collectors.joining(", "));
  }
}
