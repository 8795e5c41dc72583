package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.internal.http.TestServer.Reply;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RateLimiterTests {

  @Test
  void requestsBeyondTheBurstAreSpacedEvenly() throws Exception {
    FakeTime time = new FakeTime();
    try (TestServer sor = TestServer.start(request -> Reply.json("{}"))) {
      HttpEngine engine =
          Engines.engine(
              Engines.settings().withRateLimit(new RateLimit(5, Duration.ofSeconds(1))),
              time,
              RequestAuthenticators.none());

      for (int i = 0; i < 12; i++) {
        engine.fetchOne(RequestTemplate.get(sor.uri("/x")));
      }

      assertThat(sor.received()).hasSize(12);
      assertThat(time.sleeps()).isEqualTo(Collections.nCopies(7, Duration.ofMillis(200)));
    }
  }

  @Test
  void anIdleBucketRefills() {
    FakeTime time = new FakeTime();
    RateLimiter limiter = new RateLimiter(new RateLimit(2, Duration.ofSeconds(10)), time, time);

    acquire(limiter, 2);
    time.advance(Duration.ofSeconds(60));
    acquire(limiter, 2);
    assertThat(time.sleeps()).isEmpty();

    acquire(limiter, 1);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  private static void acquire(RateLimiter limiter, int times) {
    try {
      for (int i = 0; i < times; i++) {
        limiter.acquire();
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
