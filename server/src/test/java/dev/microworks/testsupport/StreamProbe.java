package dev.microworks.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Sends a request to an endpoint that may answer with a never-ending stream (server-sent events)
 * and returns as soon as the status and headers are in: the body is whatever arrived in the first
 * moment, then the connection is closed.
 */
public final class StreamProbe {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StreamProbe() {}

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String start;
      try (InputStream body = response.body()) {
        byte[] buffer = new byte[4096];
        int read =
            response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                ? body.read(buffer)
                : -2;
        start =
            read == -2
                ? new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : read <= 0
                    ? ""
                    : new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8);
      }
      return new Answer(response, start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Answer(HttpResponse<InputStream> response, String body)
      implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public HttpClient.Version version() {
      return response.version();
    }
  }
}
