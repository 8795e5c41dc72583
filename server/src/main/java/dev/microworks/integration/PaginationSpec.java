package dev.microworks.integration;

import java.util.Objects;
import java.util.Optional;

/**
 * How a LIST endpoint pages. Every variant stops after {@code maxPages} pages (a guard against a
 * system that never stops answering "next"), when a page is empty, or when the variant's own end
 * signal is seen.
 */
public sealed interface PaginationSpec {

  /** Default guard on the number of pages. */
  int DEFAULT_MAX_PAGES = 100_000;

  int maxPages();

  /** One request returns everything. */
  record NoPagination(int maxPages) implements PaginationSpec {}

  /**
   * {@code ?offset=0&limit=50}, then {@code offset=50}... Stops at a short page or when offset
   * reaches the number at {@code totalPath}.
   */
  record OffsetPagination(
      String offsetParam, String limitParam, int pageSize, Optional<String> totalPath, int maxPages)
      implements PaginationSpec {
    public OffsetPagination {
      Objects.requireNonNull(offsetParam, "offsetParam");
      Objects.requireNonNull(limitParam, "limitParam");
      Objects.requireNonNull(totalPath, "totalPath");
    }
  }

  /** {@code ?page=1&size=50}, then {@code page=2}... starting at {@code firstPage}. */
  record PagePagination(
      String pageParam, String sizeParam, int firstPage, int pageSize, int maxPages)
      implements PaginationSpec {
    public PagePagination {
      Objects.requireNonNull(pageParam, "pageParam");
      Objects.requireNonNull(sizeParam, "sizeParam");
    }
  }

  /**
   * The next request sends {@code cursorParam} = the value at {@code nextCursorPath} of the last
   * response; stops when that value is missing, null or empty.
   */
  record CursorPagination(
      String cursorParam,
      String nextCursorPath,
      Optional<String> limitParam,
      int pageSize,
      int maxPages)
      implements PaginationSpec {
    public CursorPagination {
      Objects.requireNonNull(cursorParam, "cursorParam");
      Objects.requireNonNull(nextCursorPath, "nextCursorPath");
      Objects.requireNonNull(limitParam, "limitParam");
    }
  }

  /** Follows the RFC 8288 {@code Link: <url>; rel="next"} response header. */
  record LinkHeaderPagination(Optional<String> sizeParam, int pageSize, int maxPages)
      implements PaginationSpec {
    public LinkHeaderPagination {
      Objects.requireNonNull(sizeParam, "sizeParam");
    }
  }

  /** Follows the absolute or relative URL at {@code nextLinkPath} in the body (Citrix LINK). */
  record BodyLinkPagination(String nextLinkPath, int maxPages) implements PaginationSpec {
    public BodyLinkPagination {
      Objects.requireNonNull(nextLinkPath, "nextLinkPath");
    }
  }

  /** OData v4: follows {@code @odata.nextLink}; records are at root path {@code value}. */
  record ODataPagination(int maxPages) implements PaginationSpec {}
}
