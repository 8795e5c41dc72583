package dev.microworks.integration.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one logical request: authentication, SSRF guard on every hop, redirects followed by hand,
 * rate limit, retries with backoff. Returns a 2xx {@link Response} or throws an {@link
 * HttpEngineException}.
 */
final class Transport implements TokenClient {

  private static final Logger log = LoggerFactory.getLogger(Transport.class);
  private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

  private final EngineSettings settings;
  private final RequestAuthenticator authenticator;
  private final Sleeper sleeper;
  private final Clock clock;
  private final SsrfGuard guard;
  private final Optional<RateLimiter> rateLimiter;
  private final HttpClient client;
  private final JsonMapper json;

  Transport(
      EngineSettings settings,
      RequestAuthenticator authenticator,
      Sleeper sleeper,
      Clock clock,
      HostResolver resolver,
      JsonMapper json) {
    this.settings = settings;
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.guard = new SsrfGuard(settings.allowedHosts(), Objects.requireNonNull(resolver));
    this.rateLimiter = settings.rateLimit().map(limit -> new RateLimiter(limit, clock, sleeper));
    this.json = json;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout());
    if (!settings.verifyTls()) {
      builder.sslContext(InsecureTrustAllTls.sslContext());
    }
    this.client = builder.build();
  }

  /** Sends {@code template} with credentials; {@code label} names it in messages ("page 3 of"). */
  Response send(RequestTemplate template, String label) {
    return exchange(template, label, true, SentSecrets.none());
  }

  @Override
  public JsonNode requestToken(RequestTemplate request, SentSecrets secrets) {
    Response response = exchange(request, "token request", false, secrets);
    Target target =
        new Target(settings.integrationId(), "token request", "POST", request.uri(), secrets);
    try {
      return json.readTree(response.body());
    } catch (JacksonException e) {
      throw new MalformedResponseException(
          target,
          response.status(),
          "malformed JSON in the answer to " + target.describe() + ": " + e.getOriginalMessage());
    }
  }

  private Response exchange(
      RequestTemplate template, String label, boolean authenticate, SentSecrets extra) {
    RetryPolicy policy = settings.retryPolicy();
    Duration waited = Duration.ZERO;
    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      attempt++;
      Authenticated auth =
          authenticate
              ? authenticator.authenticate(template, this)
              : Authenticated.anonymous(template);
      Target target =
          new Target(
              settings.integrationId(),
              label,
              template.method(),
              template.uri(),
              extra.and(auth.secrets()));
      Response response = null;
      IOException failure = null;
      try {
        response = sendFollowingRedirects(template, auth, target);
      } catch (SSLException e) {
        throw new TransportException(
            target, "TLS failure on " + target.describe() + ": " + e.getMessage(), e);
      } catch (IOException e) {
        failure = e;
      }
      if (response != null) {
        int status = response.status();
        if (status >= 200 && status < 300) {
          return response;
        }
        if (status == 401 && authenticate && !refreshed && authenticator.onUnauthorized(auth)) {
          refreshed = true;
          attempt--;
          continue;
        }
        if (status == 401 && refreshed) {
          throw new AuthenticationException(
              target,
              401,
              response.bodyText(),
              target.describe()
                  + " failed with HTTP 401 even with a freshly obtained access token; check the"
                  + " client's credentials and scopes");
        }
        if (!RETRYABLE.contains(status)) {
          throw new HttpStatusException(target, status, response.bodyText(), hint(status));
        }
      }
      Optional<Duration> retryAfter =
          response == null
              ? Optional.empty()
              : RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant());
      String last =
          response == null
              ? "last error: " + failure.getClass().getSimpleName() + " " + failure.getMessage()
              : "last answer: HTTP " + response.status();
      Integer status = response == null ? null : response.status();
      String answer = response == null ? null : response.bodyText();
      Duration left = policy.maxTotalWait().minus(waited);
      if (attempt >= policy.maxAttempts()) {
        throw new RetryBudgetExhaustedException(
            target,
            status,
            answer,
            "%s still failing after %d attempts (waited %s in total); %s"
                .formatted(target.describe(), attempt, seconds(waited), last),
            failure);
      }
      if (retryAfter.isPresent() && retryAfter.get().compareTo(left) > 0) {
        throw new RetryBudgetExhaustedException(
            target,
            status,
            answer,
            "%s: the system asked to retry after %s (Retry-After), more than the %s left of the retry budget (%s)"
                .formatted(
                    target.describe(),
                    seconds(retryAfter.get()),
                    seconds(left),
                    seconds(policy.maxTotalWait())),
            failure);
      }
      int attempts = attempt;
      Duration wait = retryAfter.orElseGet(() -> backoff(policy, attempts));
      if (wait.compareTo(left) > 0) {
        throw new RetryBudgetExhaustedException(
            target,
            status,
            answer,
            "%s still failing after %d attempts: the retry budget of %s is used up; %s"
                .formatted(target.describe(), attempt, seconds(policy.maxTotalWait()), last),
            failure);
      }
      log.debug(
          "{} attempt {} failed ({}), retrying in {}", target.describe(), attempt, last, wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            target, "interrupted while waiting to retry " + target.describe(), e);
      }
      waited = waited.plus(wait);
    }
  }

  /** Full jitter: uniform in [0, min(maxBackoff, initialBackoff * 2^(attempt-1))]. */
  private static Duration backoff(RetryPolicy policy, int attempt) {
    long cap = policy.maxBackoff().toMillis();
    long exponential = policy.initialBackoff().toMillis() << Math.min(attempt - 1, 30);
    long bound = Math.max(1, Math.min(cap, exponential < 0 ? cap : exponential));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
  }

  private Response sendFollowingRedirects(
      RequestTemplate template, Authenticated auth, Target target) throws IOException {
    RequestTemplate hop = auth.request();
    RequestTemplate hopUnauthenticated = template;
    for (int hops = 0; ; hops++) {
      Target hopTarget = target.at(hop.method(), hopUnauthenticated.uri());
      guard.check(hopTarget.at(hop.method(), hop.uri()));
      HttpResponse<InputStream> answer = sendOnce(hop, hopTarget);
      int status = answer.statusCode();
      Optional<String> location = answer.headers().firstValue("Location");
      if (isRedirect(status) && location.isPresent()) {
        answer.body().close();
        if (hops >= MAX_REDIRECTS) {
          throw new TransportException(
              hopTarget,
              "more than " + MAX_REDIRECTS + " redirects starting at " + target.describe(),
              null);
        }
        URI next;
        try {
          next = hop.uri().resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
          throw new MalformedResponseException(
              hopTarget, status, hopTarget.describe() + " redirected to an invalid Location");
        }
        boolean toGet =
            status == 303
                || ((status == 301 || status == 302)
                    && !hop.method().equals("GET")
                    && !hop.method().equals("HEAD"));
        hopUnauthenticated =
            toGet
                ? RequestTemplate.get(next).withHeaders(template.headers())
                : hopUnauthenticated.withUri(next);
        // credentials go only to the origin they were meant for
        hop =
            sameOrigin(template.uri(), next)
                ? authenticateHop(hopUnauthenticated, auth)
                : hopUnauthenticated;
        continue;
      }
      boolean success = status >= 200 && status < 300;
      byte[] body =
          read(
              answer,
              success ? settings.maxResponseBytes() : MAX_ERROR_BODY_BYTES,
              success,
              hopTarget);
      return new Response(status, answer.headers(), body, hopUnauthenticated, target.secrets());
    }
  }

  private RequestTemplate authenticateHop(RequestTemplate request, Authenticated original) {
    RequestTemplate result = request;
    for (Map.Entry<String, String> header : original.request().headers().entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    for (String param : original.secrets().queryParamNames()) {
      Optional<String> value = original.request().queryParam(param);
      if (value.isPresent()) {
        result = result.withQueryParam(param, value.get());
      }
    }
    return result;
  }

  private HttpResponse<InputStream> sendOnce(RequestTemplate hop, Target target)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hop.uri())
            .timeout(settings.timeout())
            .method(
                hop.method(),
                hop.body()
                    .map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    if (hop.uri().getScheme().equalsIgnoreCase("http")) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    hop.headers().forEach(request::header);
    hop.contentType()
        .filter(type -> hop.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase))
        .ifPresent(type -> request.header("Content-Type", type));
    if (hop.headers().keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
      request.header("Accept", "application/json");
    }
    try {
      if (rateLimiter.isPresent()) {
        rateLimiter.get().acquire();
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(target, "interrupted during " + target.describe(), e);
    }
  }

  private static byte[] read(
      HttpResponse<InputStream> answer, long limit, boolean failIfLarger, Target target)
      throws IOException {
    try (InputStream in = answer.body()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        if (failIfLarger) {
          throw new MalformedResponseException(
              target,
              answer.statusCode(),
              target.describe() + " answered more than " + limit + " bytes (max response size)");
        }
        return java.util.Arrays.copyOf(bytes, (int) limit);
      }
      return bytes;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(Objects.requireNonNullElse(b.getHost(), ""))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> "the credentials were not accepted";
      case 403 -> "the account lacks permission for this resource";
      case 404 -> "not found; check the URL";
      default -> "";
    };
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
