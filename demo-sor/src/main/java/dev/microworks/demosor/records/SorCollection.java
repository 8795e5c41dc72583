package dev.microworks.demosor.records;

import dev.microworks.demosor.web.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The record collections of the demo SoR, with their URL path and key prefix. */
public enum SorCollection {
  /** Helpdesk tickets, keys {@code HD-<n>}. */
  TICKETS("tickets", "HD"),
  /** PTO requests, keys {@code PTO-<n>}. */
  PTO_REQUESTS("pto-requests", "PTO"),
  /** Expense reports, keys {@code EXP-<n>}. */
  EXPENSES("expenses", "EXP");

  private final String path;
  private final String prefix;

  SorCollection(String path, String prefix) {
    this.path = path;
    this.prefix = prefix;
  }

  /** The collection's name in URLs and JSON, e.g. {@code pto-requests}. */
  public String path() {
    return path;
  }

  /** The key of record number {@code number}, e.g. {@code HD-7}. */
  public String key(int number) {
    return prefix + '-' + number;
  }

  /** The record number in {@code key}, or -1 if the key does not belong to this collection. */
  int number(String key) {
    if (key == null || !key.startsWith(prefix + '-')) {
      return -1;
    }
    try {
      int n = Integer.parseInt(key.substring(prefix.length() + 1));
      return n > 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The collection named {@code path}.
   *
   * @throws ApiException 404 naming the known collections if there is none
   */
  public static SorCollection fromPath(String path) {
    return Arrays.stream(values())
        .filter(c -> c.path.equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "unknown collection '"
                        + path
                        + "'; known: "
                        + Arrays.stream(values())
                            .map(SorCollection::path)
                            .collect(Collectors.joining(", "))));
  }
}
