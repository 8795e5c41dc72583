package dev.microworks.integration.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A system of record on 127.0.0.1, on an ephemeral port, recording what it receives. */
final class TestServer implements AutoCloseable {

  record Received(String method, URI uri, Headers headers, String body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  record Reply(int status, Map<String, String> headers, byte[] body) {
    static Reply json(String json) {
      return new Reply(200, Map.of("Content-Type", "application/json"), bytes(json));
    }

    static Reply status(int status, String body) {
      return new Reply(status, Map.of(), bytes(body));
    }

    Reply withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Reply(status, copy, body);
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Handler {
    Reply handle(Received request) throws Exception;
  }

  static {
    // without it, Nagle's algorithm and delayed ACKs add ~40 ms to every exchange
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private TestServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", exchange -> serve(exchange, handler));
    server.setExecutor(executor);
    server.start();
  }

  static TestServer start(Handler handler) throws IOException {
    return new TestServer(handler);
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              exchange.getRequestHeaders(),
              body);
      received.add(request);
      Reply reply;
      try {
        reply = handler.handle(request);
      } catch (Exception e) {
        reply = Reply.status(599, "test handler failed: " + e);
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      if (reply.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
