package dev.microworks.notify.internal.channel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts JSON to an incoming webhook: bounded connect and answer timeouts, one retry after a 5xx or
 * 429 (after {@code Retry-After}, at most 30 s, else 1 s), no redirects. Never throws; the outcome
 * says what happened in words that hold neither the URL nor the content.
 */
class WebhookPoster {

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /** How a post ended. */
  record Outcome(boolean delivered, String detail) {
    static Outcome failed(String detail) {
      return new Outcome(false, detail);
    }
  }

  /** Sleeps between attempts; replaced in tests. */
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final Duration timeout;
  private final boolean allowPrivateAddresses;
  private final Pause pause;

  WebhookPoster(
      Duration connectTimeout, Duration timeout, boolean allowPrivateAddresses, Pause pause) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.pause = pause;
  }

  Outcome post(URI url, byte[] json) {
    Optional<String> refused = refusedHost(url);
    if (refused.isPresent()) {
      return Outcome.failed(refused.get());
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    Attempt first = attempt(request);
    if (first.delivered() || !first.retryable()) {
      return first.outcome();
    }
    try {
      pause.sleep(first.retryAfter());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(first.outcome().detail() + "; not retried (interrupted)");
    }
    Attempt second = attempt(request);
    return second.delivered()
        ? new Outcome(true, "delivered on the second attempt")
        : Outcome.failed(second.outcome().detail() + " (after a retry)");
  }

  private record Attempt(Outcome outcome, boolean retryable, Duration retryAfter) {
    boolean delivered() {
      return outcome.delivered();
    }
  }

  private Attempt attempt(HttpRequest request) {
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Attempt(new Outcome(true, "HTTP " + status), false, Duration.ZERO);
      }
      boolean retryable = status == 429 || status >= 500;
      return new Attempt(
          Outcome.failed("HTTP " + status),
          retryable,
          retryAfter(response).orElse(Duration.ofSeconds(1)));
    } catch (java.net.http.HttpTimeoutException e) {
      return new Attempt(Outcome.failed("timed out after " + timeout), false, Duration.ZERO);
    } catch (IOException e) {
      // the exception's message may quote the host or path: name its type only
      return new Attempt(
          Outcome.failed("connection failed (" + e.getClass().getSimpleName() + ")"),
          false,
          Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(Outcome.failed("interrupted"), false, Duration.ZERO);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.strip());
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .map(after -> after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after);
  }

  /**
   * Refuses hosts that resolve to this machine or a private network unless allowed: a user's
   * webhook URL must not make the server call into its own network. (A name that resolves
   * differently between this check and the connection is not caught.)
   */
  private Optional<String> refusedHost(URI url) {
    if (allowPrivateAddresses) {
      return Optional.empty();
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress()
            || isUniqueLocal(address)) {
          return Optional.of("refused: the webhook host resolves to a local or private address");
        }
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("the webhook host does not resolve");
    }
  }

  private static boolean isUniqueLocal(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }
}
