package dev.microworks.demosor.records;

import java.util.Locale;

/**
 * Status of a PTO request or expense report: {@code pending}, {@code approved}, {@code rejected}.
 */
enum Decision {
  PENDING,
  APPROVED,
  REJECTED;

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
