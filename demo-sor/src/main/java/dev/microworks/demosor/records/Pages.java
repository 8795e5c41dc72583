package dev.microworks.demosor.records;

import java.util.List;

/** The JSON shapes of the four listing styles. */
final class Pages {

  private Pages() {}

  /**
   * Offset/limit style: {@code GET /api/offset/{collection}}.
   *
   * @param total number of records matching the filter
   * @param offset position of the first item among them (0-based)
   * @param limit the page size asked for
   * @param items the records on the page
   */
  record OffsetPage(int total, int offset, int limit, List<Object> items) {}

  /**
   * Page number style: {@code GET /api/paged/{collection}}.
   *
   * @param page the 1-based page number
   * @param perPage the page size asked for
   * @param totalPages number of pages (0 when nothing matches)
   * @param totalItems number of records matching the filter
   * @param data the records on the page
   */
  record NumberedPage(int page, int perPage, int totalPages, int totalItems, List<Object> data) {}

  /**
   * Cursor style: {@code GET /api/cursor/{collection}}.
   *
   * @param items the records on the page
   * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
   */
  record CursorPage(List<Object> items, String nextCursor) {}
}
