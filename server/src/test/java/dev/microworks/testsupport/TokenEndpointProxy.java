package dev.microworks.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP proxy on 127.0.0.1 in front of an OpenID Connect provider that forwards every request as
 * it is and can swap the {@code id_token} in the token endpoint's answer — how a test hands the
 * server under test a forged ({@link TokenForger}) or replayed ID token.
 *
 * <p>Wiring: the server under test discovers the provider at its real issuer (so the issuer check
 * stays meaningful) and sends its token request to {@link #tokenEndpoint()} instead. With Spring
 * Boot's properties: {@code spring.security.oauth2.client.provider.<id>.issuer-uri=}{@link
 * OidcProvider#issuer()} and {@code ...provider.<id>.token-uri=}{@link #tokenEndpoint()} —
 * explicitly set URIs override the discovered ones. A server that builds its registration itself
 * overrides the token URI the same way. The browser keeps talking to the provider directly.
 *
 * <pre>{@code
 * try (TokenEndpointProxy proxy = TokenEndpointProxy.inFrontOf(idp)) {
 *   // login 1 goes through normally; the proxy keeps its ID token
 *   String earlier = proxy.idTokens().get(0);
 *   proxy.replaceNextIdToken(earlier);                                   // replayed nonce
 *   proxy.rewriteNextIdToken(t -> idp.forger().copyOf(t).issuer("http://127.0.0.1:1").sign());
 * }
 * }</pre>
 *
 * <p>Each replacement applies to one token response, in the order given; with none queued the
 * answer passes unchanged. Responses are buffered; {@code Accept-Encoding} is not forwarded, so the
 * provider answers uncompressed.
 */
public final class TokenEndpointProxy implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Request headers not forwarded: hop-by-hop, set by the client itself, or compression. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "accept-encoding",
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Response headers not copied back: hop-by-hop, or set by this server itself. */
  private static final Set<String> NOT_RETURNED =
      Set.of("connection", "content-length", "date", "keep-alive", "transfer-encoding");

  private final URI upstream;
  private final String tokenPath;
  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Queue<UnaryOperator<String>> rewrites = new ConcurrentLinkedQueue<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private TokenEndpointProxy(URI upstream, String tokenPath) throws IOException {
    this.upstream = upstream;
    this.tokenPath = tokenPath;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  /** A proxy for {@code provider}, its token endpoint path taken from its discovery document. */
  public static TokenEndpointProxy inFrontOf(OidcProvider provider) {
    return start(provider.issuer(), provider.tokenEndpoint().getPath());
  }

  /**
   * A proxy forwarding to {@code upstream} (scheme, host and port; the request's path and query are
   * kept) that watches the answers to POST {@code tokenPath}.
   */
  public static TokenEndpointProxy start(URI upstream, String tokenPath) {
    try {
      return new TokenEndpointProxy(upstream, tokenPath);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: where this proxy listens. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The provider's token endpoint, through this proxy: the server under test's token URI. */
  public URI tokenEndpoint() {
    return URI.create(uri() + tokenPath);
  }

  /** The next token response carries {@code idToken} instead of the provider's. */
  public void replaceNextIdToken(String idToken) {
    rewriteNextIdToken(original -> idToken);
  }

  /** The next token response carries {@code rewrite} applied to the provider's ID token. */
  public void rewriteNextIdToken(UnaryOperator<String> rewrite) {
    rewrites.add(rewrite);
  }

  /** Every ID token the provider issued through this proxy, as issued, oldest first. */
  public List<String> idTokens() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "TokenEndpointProxy[" + uri() + " → " + upstream + "]";
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(upstreamRequest(exchange), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        reply(
            exchange,
            502,
            ("proxy: " + upstream + " failed: " + e).getBytes(StandardCharsets.UTF_8));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, "proxy: interrupted".getBytes(StandardCharsets.UTF_8));
        return;
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] body = answer.body();
      if (isTokenResponse(exchange, answer)) {
        try {
          body = swapIdToken(body);
        } catch (RuntimeException e) {
          exchange.getResponseHeaders().clear();
          reply(
              exchange,
              500,
              ("proxy: swapping the ID token failed: " + e).getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      reply(exchange, answer.statusCode(), body);
    }
  }

  private HttpRequest upstreamRequest(HttpExchange exchange) throws IOException {
    URI requested = exchange.getRequestURI();
    URI target = upstream.resolve(requested.getRawPath());
    if (requested.getRawQuery() != null) {
      target = URI.create(target + "?" + requested.getRawQuery());
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return request.build();
  }

  private boolean isTokenResponse(HttpExchange exchange, HttpResponse<byte[]> answer) {
    return "POST".equals(exchange.getRequestMethod())
        && tokenPath.equals(exchange.getRequestURI().getPath())
        && answer.statusCode() == 200
        && answer
            .headers()
            .firstValue("Content-Type")
            .map(type -> type.startsWith("application/json"))
            .orElse(false);
  }

  private byte[] swapIdToken(byte[] body) {
    JsonNode json = JSON.readTree(body);
    JsonNode idToken = json.get("id_token");
    if (!(json instanceof ObjectNode object) || idToken == null) {
      return body;
    }
    seen.add(idToken.asString());
    UnaryOperator<String> rewrite = rewrites.poll();
    if (rewrite == null) {
      return body;
    }
    object.put("id_token", rewrite.apply(idToken.asString()));
    return JSON.writeValueAsBytes(object);
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean empty = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      exchange.getResponseBody().write(body);
    }
  }
}
