package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Walks a whole listing in one pagination style, the way an API client would. */
enum PaginationClient {
  OFFSET {
    @Override
    List<String> keys(Function<String, HttpResponse<String>> get, String collection, String since) {
      List<String> keys = new ArrayList<>();
      int offset = 0;
      while (true) {
        JsonNode page =
            ok(
                get.apply(
                    "/api/offset/"
                        + collection
                        + "?limit="
                        + SIZE
                        + "&offset="
                        + offset
                        + since(since)));
        page.get("items").values().forEach(i -> keys.add(i.get("key").asString()));
        offset += SIZE;
        if (offset >= page.get("total").asInt()) {
          return keys;
        }
      }
    }
  },
  PAGED {
    @Override
    List<String> keys(Function<String, HttpResponse<String>> get, String collection, String since) {
      List<String> keys = new ArrayList<>();
      for (int page = 1; ; page++) {
        JsonNode body =
            ok(
                get.apply(
                    "/api/paged/"
                        + collection
                        + "?per_page="
                        + SIZE
                        + "&page="
                        + page
                        + since(since)));
        body.get("data").values().forEach(i -> keys.add(i.get("key").asString()));
        if (page >= body.get("total_pages").asInt()) {
          return keys;
        }
      }
    }
  },
  CURSOR {
    @Override
    List<String> keys(Function<String, HttpResponse<String>> get, String collection, String since) {
      List<String> keys = new ArrayList<>();
      String url = "/api/cursor/" + collection + "?limit=" + SIZE + since(since);
      while (true) {
        JsonNode body = ok(get.apply(url));
        body.get("items").values().forEach(i -> keys.add(i.get("key").asString()));
        JsonNode next = body.get("next_cursor");
        if (next == null || next.isNull()) {
          return keys;
        }
        url =
            "/api/cursor/"
                + collection
                + "?limit="
                + SIZE
                + "&cursor="
                + DemoSorTest.encode(next.asString());
      }
    }
  },
  LINK_HEADER {
    @Override
    List<String> keys(Function<String, HttpResponse<String>> get, String collection, String since) {
      List<String> keys = new ArrayList<>();
      String url = "/api/link/" + collection + "?per_page=" + SIZE + since(since);
      while (url != null) {
        HttpResponse<String> response = get.apply(url);
        ok(response).values().forEach(i -> keys.add(i.get("key").asString()));
        url =
            response
                .headers()
                .firstValue("Link")
                .map(NEXT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .orElse(null);
        if (url != null) {
          assertThat(url).startsWith("http://127.0.0.1:");
        }
      }
      return keys;
    }
  };

  /** An odd page size, so that the last page is partial. */
  static final int SIZE = 97;

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  /** Every key of the listing, in the order served. */
  abstract List<String> keys(
      Function<String, HttpResponse<String>> get, String collection, String updatedSince);

  private static String since(String since) {
    return since == null ? "" : "&updated_since=" + DemoSorTest.encode(since);
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return DemoSorTest.json(response);
  }
}
