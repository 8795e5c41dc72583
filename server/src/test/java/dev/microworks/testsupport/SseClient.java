package dev.microworks.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server-sent events client, as a browser's EventSource would be: it keeps the stream open and
 * records every event with the instant it arrived.
 */
public final class SseClient implements AutoCloseable {

  /** One event: its name, its data and when it arrived. */
  public record Event(String name, String data, Instant arrived) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<?> stream;
  private volatile boolean open;

  private SseClient(HttpRequest request) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String[] name = {"message"};
    List<String> data = new ArrayList<>();
    stream =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                response -> {
                  if (response.statusCode() != 200) {
                    throw new IllegalStateException("stream answered " + response.statusCode());
                  }
                  open = true;
                  response
                      .body()
                      .forEach(
                          line -> {
                            if (line.isEmpty()) {
                              if (!data.isEmpty()) {
                                events.add(
                                    new Event(name[0], String.join("\n", data), Instant.now()));
                              }
                              name[0] = "message";
                              data.clear();
                            } else if (line.startsWith("event:")) {
                              name[0] = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                              data.add(line.substring(5).strip());
                            }
                          });
                });
  }

  /** Opens {@code path} on the server with a bearer token. */
  public static SseClient withToken(int port, String path, String token) {
    return new SseClient(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .build());
  }

  /** Opens {@code path} in a browser's session. */
  public static SseClient inSession(int port, String path, Browser browser) {
    return new SseClient(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/event-stream")
            .header("Cookie", browser.cookieHeader())
            .build());
  }

  /** Whether the server answered 200 and the stream is being read. */
  public boolean isOpen() {
    return open && !stream.isDone();
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    stream.cancel(true);
  }
}
