package dev.microworks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The proxy against a stub provider: what passes unchanged, and which ID token is swapped. */
class TokenEndpointProxyTests {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer upstream;
  private TokenEndpointProxy proxy;
  private int issued;

  @BeforeEach
  void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/token",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] json =
                ("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\"issued-"
                        + ++issued
                        + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
          }
        });
    upstream.createContext(
        "/auth",
        exchange -> {
          try (exchange) {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getResponseHeaders().add("Location", "/interaction/abc");
            exchange.sendResponseHeaders(303, -1);
          }
        });
    upstream.start();
    proxy =
        TokenEndpointProxy.start(
            URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()), "/token");
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.stop(0);
  }

  @Test
  void withNothingQueuedTheTokenResponsePassesUnchangedAndItsIdTokenIsKept() throws Exception {
    HttpResponse<String> answer = token();

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(json(answer).get("id_token").asString()).isEqualTo("issued-1");
    assertThat(received)
        .containsExactly("Basic Y2xpZW50OnNlY3JldA== grant_type=authorization_code&code=c");
    assertThat(proxy.idTokens()).containsExactly("issued-1");
  }

  @Test
  void aQueuedReplacementAppliesToTheNextTokenResponseOnly() throws Exception {
    proxy.replaceNextIdToken("forged");
    proxy.rewriteNextIdToken(original -> original + "-rewritten");

    JsonNode first = json(token());
    JsonNode second = json(token());
    JsonNode third = json(token());

    assertThat(first.get("id_token").asString()).isEqualTo("forged");
    assertThat(first.get("access_token").asString()).isEqualTo("at");
    assertThat(second.get("id_token").asString()).isEqualTo("issued-2-rewritten");
    assertThat(third.get("id_token").asString()).isEqualTo("issued-3");
    assertThat(proxy.idTokens()).containsExactly("issued-1", "issued-2", "issued-3");
  }

  @Test
  void otherRequestsPassWithTheirQueryAndRedirectsAreNotFollowed() throws Exception {
    proxy.replaceNextIdToken("forged");

    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(proxy.uri() + "/auth?client_id=c&state=s%20t"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location")).hasValue("/interaction/abc");
    assertThat(received).containsExactly("GET /auth?client_id=c&state=s%20t");
    assertThat(json(token()).get("id_token").asString())
        .as("the replacement waited for a token response")
        .isEqualTo("forged");
  }

  private HttpResponse<String> token() throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(proxy.tokenEndpoint())
            .header("Authorization", "Basic Y2xpZW50OnNlY3JldA==")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=c"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
