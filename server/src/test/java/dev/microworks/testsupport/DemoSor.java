package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo system of record, as its own process (its exec jar, built by the reactor before the
 * server module), shared by every test of a JVM and stopped when the JVM ends.
 */
public final class DemoSor implements AutoCloseable {

  public static final String API_KEY = "demo-api-key";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DemoSor shared;

  private final Process process;
  private final URI base;

  private DemoSor(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** The JVM's demo SoR, started on first use. */
  public static synchronized DemoSor shared() {
    if (shared == null) {
      shared = start();
      DemoSor started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started.process::destroy));
    }
    return shared;
  }

  /** A demo SoR of the caller's own (close it to stop it), for tests that change it wholesale. */
  public static DemoSor startPrivate() {
    return start();
  }

  /** Stops a private demo SoR. */
  @Override
  public void close() {
    process.destroy();
  }

  private static DemoSor start() {
    Path jar = jar();
    int port = ServerProcess.freePort();
    try {
      Path log = Files.createTempFile("demo-sor-", ".log");
      Process process =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx1g",
                  "-jar",
                  jar.toString(),
                  "--server.port=" + port,
                  "--server.address=127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      DemoSor sor = new DemoSor(process, URI.create("http://127.0.0.1:" + port));
      sor.awaitHealthy(log);
      return sor;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path jar() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("demo-sor/target");
      if (Files.isDirectory(target)) {
        try (var files = Files.list(target)) {
          List<Path> jars =
              files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).toList();
          if (!jars.isEmpty()) {
            return jars.get(0);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "demo-sor/target/*-exec.jar is missing: run the tests from the repository root with"
            + " 'mvn -B verify' (it builds demo-sor before the server)");
  }

  private void awaitHealthy(Path log) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("demo SoR exited; see " + log);
      }
      try {
        if (send("GET", "/actuator/health", null).contains("UP")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("demo SoR not healthy within 90 s; see " + log);
  }

  public URI base() {
    return base;
  }

  /** Every record of a collection, read with the API key through offset paging. */
  public List<JsonNode> all(String collection) {
    List<JsonNode> records = new ArrayList<>();
    for (int offset = 0; ; offset += 1000) {
      JsonNode page =
          JSON.readTree(
              send("GET", "/api/offset/" + collection + "?limit=1000&offset=" + offset, null));
      page.get("items").forEach(records::add);
      if (offset + 1000 >= page.get("total").asInt()) {
        return records;
      }
    }
  }

  /** Changes {@code count} random records of a collection; returns their keys. */
  public List<String> mutate(String collection, int count) {
    JsonNode answer =
        JSON.readTree(
            send(
                "POST",
                "/admin/mutate",
                "{\"collection\":\"" + collection + "\",\"count\":" + count + "}"));
    List<String> keys = new ArrayList<>();
    answer.get("keys").forEach(key -> keys.add(key.asString()));
    return keys;
  }

  /** Creates {@code count} records of a collection. */
  public void generate(String collection, int count) {
    send(
        "POST",
        "/admin/generate",
        "{\"collection\":\"" + collection + "\",\"count\":" + count + "}");
  }

  /** Assigns a ticket in the SoR itself (as the API key's actor), as someone would there. */
  public void assign(String ticketKey, String email) {
    send("POST", "/api/tickets/" + ticketKey + "/assign", "{\"assignee_email\":\"" + email + "\"}");
  }

  /** Approves a PTO request or expense in the SoR itself, bypassing Microworks. */
  public void approve(String collection, String key) {
    send(
        "POST",
        "/api/" + collection + "/" + key + "/approve",
        "{\"comment\":\"approved in the SoR\"}");
  }

  /** One record as the SoR's detail endpoint shows it. */
  public JsonNode one(String collection, String key) {
    return JSON.readTree(send("GET", "/api/" + collection + "/" + key, null));
  }

  /** Arms a fault switch (see docs/demo-sor.md), e.g. {@code {"kind":"SERVER_ERROR","count":5}}. */
  public void arm(String faultJson) {
    send("POST", "/admin/faults", faultJson);
  }

  public void disarm() {
    send("DELETE", "/admin/faults", null);
  }

  private String send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("X-API-Key", API_KEY);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " → " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
