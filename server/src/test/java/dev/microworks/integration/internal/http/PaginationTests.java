package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.integration.internal.http.TestServer.Received;
import dev.microworks.integration.internal.http.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each pagination style against a system of record holding 2,500 records, 100 per page. */
class PaginationTests {

  static final int TOTAL = 2500;
  static final int SIZE = 100;

  static TestServer sor;

  /** A style: the listing to request, and how the fake system serves it. */
  enum Style {
    OFFSET(
        "/offset", "items", s -> Paginators.offset("offset", "limit", SIZE, Optional.of("total"))),
    PAGE_NUMBER("/pages", "data.results", s -> Paginators.pageNumber("page", "size", SIZE, 1)),
    CURSOR(
        "/cursor",
        "results",
        s -> Paginators.cursor("cursor", "meta.next_cursor", Optional.of("per_page"), SIZE)),
    LINK_HEADER("/link", "", s -> Paginators.linkHeader()),
    BODY_LINK("/bodylink", "entries", s -> Paginators.bodyLink("links.next")),
    ODATA("/odata", "value", s -> Paginators.odata());

    final String path;
    final String rootPath;
    final Function<Style, Paginator> paginator;

    Style(String path, String rootPath, Function<Style, Paginator> paginator) {
      this.path = path;
      this.rootPath = rootPath;
      this.paginator = paginator;
    }

    ListingRequest listing() {
      return new ListingRequest(
          RequestTemplate.get(sor.uri(path + "?filter=open%20items")),
          rootPath,
          paginator.apply(this));
    }
  }

  @BeforeAll
  static void startSystemOfRecord() throws Exception {
    sor = TestServer.start(PaginationTests::serve);
  }

  @AfterAll
  static void stop() {
    sor.close();
  }

  static Reply serve(Received request) {
    assertThat(request.uri().getRawQuery()).contains("filter=open%20items");
    String path = request.uri().getPath();
    int from;
    String next;
    switch (path) {
      case "/offset" -> {
        from = Integer.parseInt(param(request, "offset"));
        assertThat(param(request, "limit")).isEqualTo("100");
        return Reply.json("{\"items\":" + records(from) + ",\"total\":" + TOTAL + "}");
      }
      case "/pages" -> {
        from = (Integer.parseInt(param(request, "page")) - 1) * SIZE;
        return Reply.json("{\"data\":{\"results\":" + records(from) + "}}");
      }
      case "/cursor" -> {
        String cursor = param(request, "cursor");
        from = cursor == null ? 0 : Integer.parseInt(cursor.substring(2));
        next = from + SIZE < TOTAL ? "\"c-" + (from + SIZE) + "\"" : "null";
        return Reply.json(
            "{\"results\":" + records(from) + ",\"meta\":{\"next_cursor\":" + next + "}}");
      }
      case "/link" -> {
        String since = param(request, "since");
        from = since == null ? 0 : Integer.parseInt(since);
        Reply reply = Reply.json(records(from));
        String last = "<https://elsewhere.example/link?since=2400>; rel=\"last\"";
        String prev = "</link?since=0&filter=open%20items>; title=\"first, then; more\"; rel=prev";
        if (from + SIZE < TOTAL) {
          String nextLink =
              "</link?filter=open%20items&since="
                  + (from + SIZE)
                  + ">; title=\"next, page; \\\"quoted\\\"\"; rel=\"next\"";
          reply = reply.withHeader("Link", prev + ", " + nextLink + ", " + last);
        } else {
          reply = reply.withHeader("Link", prev + ", " + last);
        }
        return reply;
      }
      case "/bodylink" -> {
        String start = param(request, "start");
        from = start == null ? 0 : Integer.parseInt(start);
        next =
            from + SIZE < TOTAL
                ? "\"bodylink?filter=open%20items&start=" + (from + SIZE) + "\""
                : "\"\"";
        return Reply.json("{\"entries\":" + records(from) + ",\"links\":{\"next\":" + next + "}}");
      }
      case "/odata" -> {
        String skip = param(request, "$skiptoken");
        from = skip == null ? 0 : Integer.parseInt(skip);
        String link =
            from + SIZE < TOTAL
                ? ",\"@odata.nextLink\":\""
                    + sor.uri("/odata?filter=open%20items&$skiptoken=" + (from + SIZE))
                    + "\""
                : "";
        return Reply.json("{\"@odata.context\":\"x\",\"value\":" + records(from) + link + "}");
      }
      default -> {
        return Reply.status(404, "no such listing");
      }
    }
  }

  static String param(Received request, String name) {
    return RequestTemplate.queryParam(request.uri(), name).orElse(null);
  }

  static String records(int from) {
    return IntStream.range(from, Math.min(from + SIZE, TOTAL))
        .mapToObj(id -> "{\"id\":" + id + ",\"title\":\"record " + id + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  static List<Integer> ids(List<Page> pages) {
    return pages.stream()
        .flatMap(page -> page.records().stream())
        .map(record -> record.get("id").asInt())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void returnsEveryRecordExactlyOnce(Style style) {
    List<Page> pages = new ArrayList<>();

    StreamSummary summary =
        Engines.engine(new FakeTime()).stream(style.listing(), Optional.empty(), pages::add);

    assertThat(ids(pages)).containsExactlyElementsOf(IntStream.range(0, TOTAL).boxed().toList());
    // by page number, 2,500 = 25 x 100 is only known to end when page 26 comes back empty
    int expectedPages = style == Style.PAGE_NUMBER ? 26 : 25;
    assertThat(summary.pages()).isEqualTo(expectedPages);
    assertThat(summary.records()).isEqualTo(TOTAL);
    assertThat(pages).extracting(Page::number).containsExactlyElementsOf(range(1, expectedPages));
    assertThat(pages.get(expectedPages - 1).last()).isTrue();
    assertThat(pages.get(expectedPages - 2).last()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void resumesWithThePageAfterTheCheckpoint(Style style) {
    List<Page> firstRun = new ArrayList<>();
    HttpEngine engine = Engines.engine(new FakeTime());
    assertThatThrownBy(
            () ->
                engine.stream(
                    style.listing(),
                    Optional.empty(),
                    page -> {
                      firstRun.add(page);
                      if (page.number() == 8) {
                        throw new IllegalStateException("crashed before committing page 8");
                      }
                    }))
        .hasMessageContaining("crashed");
    String committed = firstRun.get(6).checkpoint();

    List<Page> resumed = new ArrayList<>();
    StreamSummary summary = engine.stream(style.listing(), Optional.of(committed), resumed::add);

    assertThat(resumed.get(0).number()).isEqualTo(8);
    assertThat(ids(resumed)).containsExactlyElementsOf(range(700, TOTAL - 1));
    assertThat(summary.pages()).isEqualTo(style == Style.PAGE_NUMBER ? 19 : 18);
  }

  @Test
  void resumingFromTheLastPagesCheckpointFetchesNothing() {
    List<Page> pages = new ArrayList<>();
    HttpEngine engine = Engines.engine(new FakeTime());
    engine.stream(Style.CURSOR.listing(), Optional.empty(), pages::add);
    int requests = sor.received().size();

    StreamSummary summary =
        engine.stream(Style.CURSOR.listing(), Optional.of(pages.get(24).checkpoint()), pages::add);

    assertThat(summary.pages()).isZero();
    assertThat(sor.received()).hasSize(requests);
  }

  @Test
  void aCheckpointFromAnotherListingIsRefused() {
    List<Page> pages = new ArrayList<>();
    HttpEngine engine = Engines.engine(new FakeTime());
    engine.stream(Style.ODATA.listing().withMaxPages(30), Optional.empty(), pages::add);

    assertThatThrownBy(
            () ->
                engine.stream(
                    Style.OFFSET.listing(), Optional.of(pages.get(3).checkpoint()), page -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to another listing");
  }

  @Test
  void moreThanMaxPagesFailsInsteadOfTruncating() {
    List<Page> pages = new ArrayList<>();

    assertThatThrownBy(
            () ->
                Engines.engine(new FakeTime()).stream(
                    Style.OFFSET.listing().withMaxPages(5), Optional.empty(), pages::add))
        .isInstanceOf(PageLimitExceededException.class)
        .hasMessageContaining("stopped after 5 pages (max-pages)")
        .hasMessageContaining("page 6 of GET http://127.0.0.1:" + sor.port() + "/offset");
    assertThat(pages).hasSize(5);
  }

  @Test
  void aNonArrayAtTheRootPathNamesThePathAndWhatWasThere() {
    ListingRequest wrongPath =
        new ListingRequest(
            RequestTemplate.get(sor.uri("/pages?filter=open%20items")),
            "data",
            Paginators.pageNumber("page", "size", SIZE, 1));
    ListingRequest missingPath =
        new ListingRequest(
            RequestTemplate.get(sor.uri("/pages?filter=open%20items")),
            "records",
            Paginators.pageNumber("page", "size", SIZE, 1));
    HttpEngine engine = Engines.engine(new FakeTime());

    assertThatThrownBy(() -> engine.stream(wrongPath, Optional.empty(), page -> {}))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected an array of records at root path 'data'")
        .hasMessageContaining("page 1 of GET")
        .hasMessageContaining("found an object with fields results");
    assertThatThrownBy(() -> engine.stream(missingPath, Optional.empty(), page -> {}))
        .hasMessageContaining("root path 'records'")
        .hasMessageContaining("found nothing there (the page is an object with fields data)");
  }

  static List<Integer> range(int first, int last) {
    return IntStream.rangeClosed(first, last).boxed().toList();
  }
}
