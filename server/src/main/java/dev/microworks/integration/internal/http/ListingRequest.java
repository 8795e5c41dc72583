package dev.microworks.integration.internal.http;

import java.util.Objects;

/**
 * A LIST endpoint: the base request, where the records are in each page, how to page, and how many
 * pages at most.
 *
 * @param base the request before pagination parameters
 * @param rootPath dot path to the records array in each page ({@code items}, {@code data.results};
 *     {@code ""} for a top-level array)
 * @param paginator how to go from one page to the next
 * @param maxPages a listing with more pages fails with {@link PageLimitExceededException}
 */
public record ListingRequest(
    RequestTemplate base, String rootPath, Paginator paginator, int maxPages) {

  public static final int DEFAULT_MAX_PAGES = 1000;

  public ListingRequest {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(paginator, "paginator");
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
    }
  }

  public ListingRequest(RequestTemplate base, String rootPath, Paginator paginator) {
    this(base, rootPath, paginator, DEFAULT_MAX_PAGES);
  }

  public ListingRequest withMaxPages(int value) {
    return new ListingRequest(base, rootPath, paginator, value);
  }
}
