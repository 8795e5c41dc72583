package dev.microworks.integration.internal.http;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** The pagination styles the engine supports. */
public final class Paginators {

  private Paginators() {}

  /** One request, no further pages. */
  public static Paginator single() {
    return new Paginator() {
      @Override
      public String kind() {
        return "none";
      }

      @Override
      public RequestTemplate first(RequestTemplate base) {
        return base;
      }

      @Override
      public Optional<RequestTemplate> next(PageResponse page) {
        return Optional.empty();
      }
    };
  }

  /**
   * {@code ?offset=0&limit=100}, then {@code offset=100}... Stops on a short page, or when the
   * offset reaches the total found at {@code totalPath} (if given).
   */
  public static Paginator offset(
      String offsetParam, String limitParam, int pageSize, Optional<String> totalPath) {
    requirePageSize(pageSize);
    Objects.requireNonNull(totalPath, "totalPath");
    return new Paginator() {
      @Override
      public String kind() {
        return "offset";
      }

      @Override
      public RequestTemplate first(RequestTemplate base) {
        return base.withQueryParam(offsetParam, "0")
            .withQueryParam(limitParam, Integer.toString(pageSize));
      }

      @Override
      public Optional<RequestTemplate> next(PageResponse page) {
        if (page.recordCount() < pageSize) {
          return Optional.empty();
        }
        long nextOffset = numberParam(page.request(), offsetParam) + page.recordCount();
        Optional<Long> total =
            totalPath.flatMap(path -> JsonPaths.at(page.body(), path)).map(node -> node.asLong());
        if (total.isPresent() && nextOffset >= total.get()) {
          return Optional.empty();
        }
        return Optional.of(page.request().withQueryParam(offsetParam, Long.toString(nextOffset)));
      }
    };
  }

  /** {@code ?page=1&size=100}, then {@code page=2}... Stops on a short or empty page. */
  public static Paginator pageNumber(
      String pageParam, String sizeParam, int pageSize, int firstPage) {
    requirePageSize(pageSize);
    if (firstPage != 0 && firstPage != 1) {
      throw new IllegalArgumentException("first page must be 0 or 1: " + firstPage);
    }
    return new Paginator() {
      @Override
      public String kind() {
        return "page-number";
      }

      @Override
      public RequestTemplate first(RequestTemplate base) {
        return base.withQueryParam(pageParam, Integer.toString(firstPage))
            .withQueryParam(sizeParam, Integer.toString(pageSize));
      }

      @Override
      public Optional<RequestTemplate> next(PageResponse page) {
        if (page.recordCount() < pageSize) {
          return Optional.empty();
        }
        long nextPage = numberParam(page.request(), pageParam) + 1;
        return Optional.of(page.request().withQueryParam(pageParam, Long.toString(nextPage)));
      }
    };
  }

  /**
   * The first request without a cursor, then {@code ?cursor=<value at nextCursorPath>}. Stops when
   * the next cursor is absent, null or empty. {@code pageSizeParam}/{@code pageSize} are sent when
   * given.
   */
  public static Paginator cursor(
      String cursorParam, String nextCursorPath, Optional<String> pageSizeParam, int pageSize) {
    return new Paginator() {
      @Override
      public String kind() {
        return "cursor";
      }

      @Override
      public RequestTemplate first(RequestTemplate base) {
        return pageSizeParam
            .map(param -> base.withQueryParam(param, Integer.toString(pageSize)))
            .orElse(base);
      }

      @Override
      public Optional<RequestTemplate> next(PageResponse page) {
        return JsonPaths.text(page.body(), nextCursorPath)
            .map(cursor -> page.request().withQueryParam(cursorParam, cursor));
      }
    };
  }

  /** Follows the RFC 8288 {@code Link} header with {@code rel="next"} until there is none. */
  public static Paginator linkHeader() {
    return new Paginator() {
      @Override
      public String kind() {
        return "link-header";
      }

      @Override
      public RequestTemplate first(RequestTemplate base) {
        return base;
      }

      @Override
      public Optional<RequestTemplate> next(PageResponse page) {
        URI base = page.request().uri();
        return LinkHeader.find(page.headers().allValues("Link"), "next", base)
            .map(uri -> page.request().withUri(uri));
      }
    };
  }

  /** Follows the URL (absolute or relative) at {@code nextLinkPath} until it is absent or empty. */
  public static Paginator bodyLink(String nextLinkPath) {
    return new BodyLink("body-link", nextLinkPath, false);
  }

  /** OData: follows {@code @odata.nextLink} (or OData v3's {@code odata.nextLink}). */
  public static Paginator odata() {
    return new BodyLink("odata", "@odata.nextLink", true);
  }

  private record BodyLink(String kind, String path, boolean literalField) implements Paginator {
    @Override
    public RequestTemplate first(RequestTemplate base) {
      return base;
    }

    @Override
    public Optional<RequestTemplate> next(PageResponse page) {
      Optional<String> link =
          literalField
              ? literal(page, path).or(() -> literal(page, "odata.nextLink"))
              : JsonPaths.text(page.body(), path);
      return link.map(text -> page.request().withUri(page.request().uri().resolve(text.strip())));
    }

    private static Optional<String> literal(PageResponse page, String field) {
      return Optional.ofNullable(page.body().get(field))
          .filter(node -> node.isString())
          .map(node -> node.asString())
          .filter(text -> !text.isBlank());
    }
  }

  private static long numberParam(RequestTemplate request, String name) {
    String value =
        request
            .queryParam(name)
            .orElseThrow(() -> new IllegalStateException("no '" + name + "' in " + request));
    return Long.parseLong(value);
  }

  private static void requirePageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
  }
}
