package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting to a local HTTP receiver that answers with the statuses a test scripts. */
class WebhookPosterTests {

  private HttpServer receiver;
  private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch never = new CountDownLatch(1);

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Integer status = script.poll();
          if (status == null) {
            try {
              never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            status = 200;
          }
          if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "120");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    never.countDown();
    receiver.stop(0);
  }

  private WebhookPoster poster(boolean allowPrivate) {
    return new WebhookPoster(
        Duration.ofSeconds(2), Duration.ofMillis(800), allowPrivate, pauses::add);
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?secret=s3");
  }

  @Test
  void a503IsRetriedOnce_andTheSecondAnswerCounts() {
    script.addAll(List.of(503, 200));

    WebhookPoster.Outcome outcome = poster(true).post(hook(), "{\"a\":1}".getBytes());

    assertThat(outcome.delivered()).isTrue();
    assertThat(received).containsExactly("{\"a\":1}", "{\"a\":1}");
    assertThat(pauses).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void a429WaitsForRetryAfter_cappedAt30Seconds_andTwoFailuresGiveUp() {
    script.addAll(List.of(429, 500));

    WebhookPoster.Outcome outcome = poster(true).post(hook(), "{}".getBytes());

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.detail()).isEqualTo("HTTP 500 (after a retry)");
    assertThat(received).hasSize(2);
    assertThat(pauses).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aClientErrorIsNotRetried_andTheOutcomeNamesNeitherUrlNorContent() {
    script.add(400);

    WebhookPoster.Outcome outcome = poster(true).post(hook(), "{\"secret\":\"x\"}".getBytes());

    assertThat(outcome.delivered()).isFalse();
    assertThat(received).hasSize(1);
    assertThat(outcome.detail()).isEqualTo("HTTP 400").doesNotContain("127.0.0.1", "s3");
  }

  @Test
  void aReceiverThatDoesNotAnswerTimesOut_withoutARetry() {
    WebhookPoster.Outcome outcome = poster(true).post(hook(), "{}".getBytes());

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.detail()).startsWith("timed out");
    assertThat(received).hasSize(1);
  }

  @Test
  void aLocalAddressIsRefusedUnlessAllowed() {
    script.add(200);

    WebhookPoster.Outcome outcome = poster(false).post(hook(), "{}".getBytes());

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.detail()).contains("local or private address");
    assertThat(received).isEmpty();
  }
}
