package dev.microworks.integration.internal.http;

import java.util.Optional;

/**
 * One pagination style, configured. Paginators only move through URLs: the next page is the same
 * request with another URI, which is what makes a page's checkpoint a small resumable value.
 * Instances are immutable and shared by all listings that use them. Create them with {@link
 * Paginators}.
 */
public interface Paginator {

  /** The style's stable id, e.g. {@code offset} or {@code link-header}. */
  String kind();

  /** The first page's request, derived from the listing's base request. */
  RequestTemplate first(RequestTemplate base);

  /** The next page's request, or empty if {@code page} was the last one. */
  Optional<RequestTemplate> next(PageResponse page);
}
