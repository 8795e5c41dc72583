package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.internal.http.TestServer.Reply;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LargeListingTests {

  static final int PAGES = 200;
  static final int PER_PAGE = 1000;

  @Test
  void streamsTwoHundredThousandRecordsOnePageAtATime() throws Exception {
    try (TestServer sor =
        TestServer.start(
            request -> {
              int page =
                  Integer.parseInt(RequestTemplate.queryParam(request.uri(), "page").orElseThrow());
              StringBuilder json = new StringBuilder(PER_PAGE * 24).append("{\"items\":[");
              for (int i = 0; page <= PAGES && i < PER_PAGE; i++) {
                json.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(page * PER_PAGE + i)
                    .append('}');
              }
              return Reply.json(json.append("]}").toString());
            })) {
      ListingRequest listing =
          new ListingRequest(
              RequestTemplate.get(sor.uri("/big")),
              "items",
              Paginators.pageNumber("page", "size", PER_PAGE, 1));
      AtomicInteger inHandler = new AtomicInteger();
      List<WeakReference<List<?>>> handed = new ArrayList<>();
      List<Integer> stillReachable = new ArrayList<>();

      StreamSummary summary =
          Engines.engine(new FakeTime()).stream(
              listing,
              Optional.empty(),
              page -> {
                assertThat(inHandler.incrementAndGet()).isEqualTo(1);
                assertThat(page.records()).hasSizeLessThanOrEqualTo(PER_PAGE);
                handed.add(new WeakReference<>(page.records()));
                if (page.number() == 150) {
                  stillReachable.addAll(reachableAfterGc(handed, 148));
                }
                inHandler.decrementAndGet();
              });

      assertThat(summary.records()).isEqualTo((long) PAGES * PER_PAGE);
      // pages 1..148 were handed over before the previous one: none may be held by the engine
      assertThat(stillReachable).isEmpty();
    }
  }

  private static List<Integer> reachableAfterGc(List<WeakReference<List<?>>> handed, int upTo) {
    List<Integer> reachable = new ArrayList<>();
    for (int attempt = 0; attempt < 10; attempt++) {
      System.gc();
      reachable.clear();
      for (int i = 0; i < upTo; i++) {
        if (handed.get(i).get() != null) {
          reachable.add(i + 1);
        }
      }
      if (reachable.isEmpty()) {
        break;
      }
    }
    return reachable;
  }
}
