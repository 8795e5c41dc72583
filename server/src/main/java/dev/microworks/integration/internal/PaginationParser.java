package dev.microworks.integration.internal;

import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.PaginationSpec.BodyLinkPagination;
import dev.microworks.integration.PaginationSpec.CursorPagination;
import dev.microworks.integration.PaginationSpec.LinkHeaderPagination;
import dev.microworks.integration.PaginationSpec.NoPagination;
import dev.microworks.integration.PaginationSpec.ODataPagination;
import dev.microworks.integration.PaginationSpec.OffsetPagination;
import dev.microworks.integration.PaginationSpec.PagePagination;
import dev.microworks.integration.yaml.MapReader;
import java.util.List;
import java.util.Optional;

/** Reads a table's {@code pagination} mapping. */
final class PaginationParser {

  static final List<String> TYPES =
      List.of("none", "offset", "page", "cursor", "link-header", "body-link", "odata");
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = 10_000;

  private PaginationParser() {}

  static PaginationSpec pagination(MapReader map) {
    String type = map.requiredString("type");
    int maxPages = map.integer("max-pages", PaginationSpec.DEFAULT_MAX_PAGES, 1, 10_000_000);
    return switch (type) {
      case "none" -> new NoPagination(maxPages);
      case "offset" ->
          new OffsetPagination(
              required(map, "offset-param"),
              required(map, "limit-param"),
              pageSize(map),
              path(map, "total-path"),
              maxPages);
      case "page" ->
          new PagePagination(
              required(map, "page-param"),
              required(map, "size-param"),
              map.integer("first-page", 1, 0, 1),
              pageSize(map),
              maxPages);
      case "cursor" ->
          new CursorPagination(
              required(map, "cursor-param"),
              requiredPath(map, "next-cursor-path"),
              map.string("limit-param"),
              pageSize(map),
              maxPages);
      case "link-header" ->
          new LinkHeaderPagination(map.string("size-param"), pageSize(map), maxPages);
      case "body-link" -> new BodyLinkPagination(requiredPath(map, "next-link-path"), maxPages);
      case "odata" -> new ODataPagination(maxPages);
      default -> {
        if (!type.isEmpty()) {
          map.problems.at(
              map.child("type"),
              "expected one of " + String.join(", ", TYPES) + " but was '" + type + "'");
        }
        yield new NoPagination(maxPages);
      }
    };
  }

  private static String required(MapReader map, String key) {
    return map.requiredString(key);
  }

  private static int pageSize(MapReader map) {
    return map.integer("page-size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  }

  private static Optional<String> path(MapReader map, String key) {
    Optional<String> path = map.string(key);
    path.ifPresent(text -> DotPaths.check(map.problems, map.child(key), text));
    return path;
  }

  private static String requiredPath(MapReader map, String key) {
    String path = map.requiredString(key);
    if (!path.isEmpty()) {
      DotPaths.check(map.problems, map.child(key), path);
    }
    return path;
  }
}
