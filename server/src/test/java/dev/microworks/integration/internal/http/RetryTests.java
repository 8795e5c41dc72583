package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.integration.internal.http.TestServer.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTests {

  final FakeTime time = new FakeTime();

  @Test
  void tooManyRequestsIsWaitedOutForRetryAfterSeconds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer sor =
        TestServer.start(
            request ->
                calls.incrementAndGet() == 1
                    ? Reply.status(429, "slow down").withHeader("Retry-After", "7")
                    : Reply.json("{\"id\":1}"))) {

      var record = Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/things/1")));

      assertThat(record.get("id").asInt()).isEqualTo(1);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    String inTwentySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.instant().plusSeconds(20).atZone(ZoneOffset.UTC));
    AtomicInteger calls = new AtomicInteger();
    try (TestServer sor =
        TestServer.start(
            request ->
                calls.incrementAndGet() == 1
                    ? Reply.status(503, "maintenance").withHeader("Retry-After", inTwentySeconds)
                    : Reply.json("{}"))) {

      Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/x")));

      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20));
    }
  }

  @Test
  void serviceUnavailableTwiceThenSuccessSucceedsWithJitteredBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer sor =
        TestServer.start(
            request ->
                calls.incrementAndGet() <= 2
                    ? Reply.status(503, "busy")
                    : Reply.json("{\"ok\":true}"))) {

      var answer = Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/x")));

      assertThat(answer.get("ok").asBoolean()).isTrue();
      assertThat(calls).hasValue(3);
      assertThat(time.sleeps()).hasSize(2);
      assertThat(time.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
      assertThat(time.sleeps().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }
  }

  @Test
  void persistentServerErrorFailsAfterTheBudgetWithTheAnswerTrimmed() throws Exception {
    String longAnswer = "Internal failure: " + "x".repeat(2000);
    try (TestServer sor = TestServer.start(request -> Reply.status(500, longAnswer))) {

      assertThatThrownBy(
              () -> Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/things/9"))))
          .isInstanceOf(RetryBudgetExhaustedException.class)
          .hasMessageContaining("GET http://127.0.0.1:" + sor.port() + "/things/9")
          .hasMessageContaining("still failing after 6 attempts")
          .hasMessageContaining("last answer: HTTP 500")
          .hasMessageContaining("the system answered: Internal failure: xxx")
          .hasMessageContaining("more chars)")
          .satisfies(
              e -> {
                HttpEngineException failure = (HttpEngineException) e;
                assertThat(failure.status()).hasValue(500);
                assertThat(failure.answer().orElseThrow()).hasSizeLessThan(530);
                assertThat(failure.getMessage()).hasSizeLessThan(800);
              });
      assertThat(sor.received()).hasSize(6);
      assertThat(time.sleeps()).hasSize(5);
    }
  }

  @Test
  void retryAfterBeyondTheBudgetFailsAtOnce() throws Exception {
    try (TestServer sor =
        TestServer.start(request -> Reply.status(429, "quota").withHeader("Retry-After", "3600"))) {

      assertThatThrownBy(() -> Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/x"))))
          .isInstanceOf(RetryBudgetExhaustedException.class)
          .hasMessageContaining("asked to retry after 3600.0 s (Retry-After)")
          .hasMessageContaining("more than the 120.0 s left of the retry budget");
      assertThat(sor.received()).hasSize(1);
      assertThat(time.sleeps()).isEmpty();
    }
  }

  @Test
  void otherClientErrorsFailAtOnce() throws Exception {
    try (TestServer sor = TestServer.start(request -> Reply.status(404, "{\"error\":\"nope\"}"))) {

      assertThatThrownBy(() -> Engines.engine(time).fetchOne(RequestTemplate.get(sor.uri("/x/1"))))
          .isInstanceOf(HttpStatusException.class)
          .hasMessageContaining("GET http://127.0.0.1:" + sor.port() + "/x/1 failed with HTTP 404")
          .hasMessageContaining("{\"error\":\"nope\"}");
      assertThat(sor.received()).hasSize(1);
    }
  }

  @Test
  void timeOutsAreRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer sor =
        TestServer.start(
            request -> {
              if (calls.incrementAndGet() == 1) {
                Thread.sleep(1500);
              }
              return Reply.json("{\"late\":false}");
            })) {
      HttpEngine engine =
          Engines.engine(
              Engines.settings().withTimeout(Duration.ofMillis(300)),
              time,
              RequestAuthenticators.none());

      assertThat(engine.fetchOne(RequestTemplate.get(sor.uri("/slow"))).get("late").asBoolean())
          .isFalse();
      assertThat(time.sleeps()).hasSize(1);
    }
  }

  @Test
  void malformedJsonOnPageThreeNamesThePageAndIsNotRetried() throws Exception {
    try (TestServer sor =
        TestServer.start(
            request -> {
              String page = RequestTemplate.queryParam(request.uri(), "page").orElseThrow();
              return page.equals("3")
                  ? Reply.json("{\"items\": [{\"id\": 1}, {\"id\": ")
                  : Reply.json("{\"items\":[{\"id\":1},{\"id\":2}]}");
            })) {
      ListingRequest listing =
          new ListingRequest(
              RequestTemplate.get(sor.uri("/path")),
              "items",
              Paginators.pageNumber("page", "size", 2, 1));
      List<Page> pages = new ArrayList<>();

      assertThatThrownBy(() -> Engines.engine(time).stream(listing, Optional.empty(), pages::add))
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining(
              "malformed JSON in page 3 of GET http://127.0.0.1:"
                  + sor.port()
                  + "/path?page=3&size=2: ");
      assertThat(pages).hasSize(2);
      assertThat(sor.received()).hasSize(3);
    }
  }
}
