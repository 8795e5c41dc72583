package dev.microworks.integration.internal.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches JSON from one integration's system of record: listings page by page, single records.
 * Plain Java, no framework. Thread-safe; one instance serves all tables of an integration.
 *
 * <p>Guarantees: every request and every redirect hop passes the {@link SsrfGuard}; redirects are
 * followed by the engine (credentials only to the original origin); transient failures are retried
 * within the {@link RetryPolicy}; a listing holds at most one page of records at a time; failures
 * are {@link HttpEngineException}s that never contain a credential value.
 */
public final class HttpEngine {

  private static final Logger log = LoggerFactory.getLogger(HttpEngine.class);
  private static final Set<String> WARNED_INSECURE = ConcurrentHashMap.newKeySet();

  private final EngineSettings settings;
  private final Transport transport;
  private final JsonMapper json = JsonMapper.builder().build();

  /** An engine with real time, real sleeps and real DNS. */
  public HttpEngine(EngineSettings settings, RequestAuthenticator authenticator) {
    this(settings, authenticator, Sleeper.SYSTEM, Clock.systemUTC(), HostResolver.SYSTEM);
  }

  public HttpEngine(
      EngineSettings settings,
      RequestAuthenticator authenticator,
      Sleeper sleeper,
      Clock clock,
      HostResolver resolver) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transport = new Transport(settings, authenticator, sleeper, clock, resolver, json);
    if (!settings.verifyTls() && WARNED_INSECURE.add(settings.integrationId())) {
      log.warn(
          "TLS certificate and host name verification is OFF for integration '{}' (verifyTls=false):"
              + " its traffic can be intercepted",
          settings.integrationId());
    }
  }

  public EngineSettings settings() {
    return settings;
  }

  /**
   * Fetches the listing page after page, handing each to {@code handler} before fetching the next.
   * With a {@code resumeCheckpoint} (a {@link Page#checkpoint()} of this listing), starts with the
   * page after that one.
   *
   * @throws PageLimitExceededException if there are more than {@code maxPages} pages
   * @throws IllegalArgumentException if the checkpoint is not from this listing
   */
  public StreamSummary stream(
      ListingRequest listing, Optional<String> resumeCheckpoint, PageHandler handler) {
    String fingerprint = Checkpoint.fingerprint(listing);
    Optional<RequestTemplate> next;
    int number;
    String lastCheckpoint = resumeCheckpoint.orElse(null);
    if (resumeCheckpoint.isPresent()) {
      Checkpoint checkpoint = Checkpoint.decode(resumeCheckpoint.get(), listing);
      number = checkpoint.nextPage();
      next = checkpoint.next().map(uri -> listing.base().withUri(uri));
    } else {
      number = 1;
      next = Optional.of(listing.paginator().first(listing.base()));
    }
    int pages = 0;
    long records = 0;
    while (next.isPresent()) {
      RequestTemplate request = next.get();
      String label = "page " + number + " of";
      if (number > listing.maxPages()) {
        throw new PageLimitExceededException(target(label, request), listing.maxPages());
      }
      Response response = transport.send(request, label);
      JsonNode body = parse(response, label);
      List<JsonNode> pageRecords = records(body, listing.rootPath(), response, label);
      next =
          listing
              .paginator()
              .next(new PageResponse(request, response.headers(), body, pageRecords.size()));
      if (next.isPresent() && next.get().uri().equals(request.uri())) {
        throw new MalformedResponseException(
            target(label, request),
            response.status(),
            "the next page of "
                + target(label, request).describe()
                + " is the same page again; check the pagination settings");
      }
      String checkpoint =
          new Checkpoint(fingerprint, number + 1, next.map(RequestTemplate::uri)).encode();
      body = null; // the page's tree is no longer needed once the records are out
      handler.onPage(new Page(number, pageRecords, checkpoint, next.isEmpty()));
      pages++;
      records += pageRecords.size();
      lastCheckpoint = checkpoint;
      number++;
    }
    return new StreamSummary(pages, records, lastCheckpoint);
  }

  /** Fetches one record (a DETAIL endpoint) and returns its JSON. */
  public JsonNode fetchOne(RequestTemplate request) {
    return parse(transport.send(request, ""), "");
  }

  private JsonNode parse(Response response, String label) {
    try {
      return json.readTree(response.body());
    } catch (JacksonException e) {
      Target target = target(label, response.request()).with(response.secrets());
      throw new MalformedResponseException(
          target,
          response.status(),
          "malformed JSON in " + target.describe() + ": " + e.getOriginalMessage());
    }
  }

  private List<JsonNode> records(JsonNode body, String rootPath, Response response, String label) {
    Optional<JsonNode> array = JsonPaths.at(body, rootPath);
    if (array.isEmpty() || !array.get().isArray()) {
      Target target = target(label, response.request()).with(response.secrets());
      String found =
          array.isPresent()
              ? JsonPaths.describe(array.get())
              : "nothing there (the page is " + JsonPaths.describe(body) + ")";
      throw new MalformedResponseException(
          target,
          response.status(),
          "expected an array of records at root path '"
              + rootPath
              + "' in "
              + target.describe()
              + " but found "
              + found);
    }
    List<JsonNode> list = new ArrayList<>(array.get().size());
    array.get().forEach(list::add);
    return list;
  }

  private Target target(String label, RequestTemplate request) {
    return new Target(
        settings.integrationId(), label, request.method(), request.uri(), SentSecrets.none());
  }
}
