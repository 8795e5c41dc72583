package dev.microworks.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A system of record that costs (almost) nothing: N records, offset-paged, each page rendered from
 * arrays in memory, so a benchmark measures the sync pipeline, not the source. Runs as its own
 * process so its memory is not counted in the synced JVM's heap.
 *
 * <p>{@code GET /records?offset=&limit=[&updated_since=][&count=C]} → {@code
 * {"total":N,"items":[...]}} ({@code count} lists only the first C records: a warm-up); {@code POST
 * /mutate?percent=P} changes P % of the records (spread evenly) now.
 */
public final class FastSource {

  private static final String[] STATUSES = {"open", "in_progress", "resolved", "closed"};
  private static final String FILLER =
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut"
          + " labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation"
          + " ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in"
          + " reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.";

  private final int count;
  private final int[] version;
  private final long[] updated;

  private FastSource(int count) {
    this.count = count;
    this.version = new int[count];
    this.updated = new long[count];
    long base = Instant.now().minusSeconds(30L * 24 * 3600).getEpochSecond();
    for (int i = 0; i < count; i++) {
      updated[i] = base + i % 86_400;
    }
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    FastSource source = new FastSource(Integer.parseInt(args[1]));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/records", source::records);
    server.createContext("/mutate", source::mutate);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("fast source ready on " + port);
  }

  /** One record as JSON: about 600 bytes with a nested object and fields the spec ignores. */
  static void render(StringBuilder out, int i, int version, long updatedEpochSecond) {
    out.append("{\"id\":\"R-")
        .append(i)
        .append("\",\"title\":\"Record ")
        .append(i)
        .append(" v")
        .append(version)
        .append("\",\"status\":\"")
        .append(STATUSES[(i + version) % STATUSES.length])
        .append("\",\"priority\":")
        .append(i % 5)
        .append(",\"amount\":\"")
        .append(i % 10_000)
        .append('.')
        .append(i % 100 < 10 ? "0" : "")
        .append(i % 100)
        .append("\",\"assignee\":{\"email\":\"user")
        .append(i % 10_000)
        .append("@example.com\",\"name\":\"User ")
        .append(i % 10_000)
        .append("\"},\"updated_at\":\"")
        .append(Instant.ofEpochSecond(updatedEpochSecond))
        .append("\",\"description\":\"")
        .append(FILLER)
        .append("\",\"internal_notes\":\"not declared in the spec, never stored\"}");
  }

  private void records(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI());
    int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
    int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
    int listed = Math.min(count, Integer.parseInt(query.getOrDefault("count", "" + count)));
    long since =
        query.containsKey("updated_since")
            ? Instant.parse(query.get("updated_since")).getEpochSecond()
            : Long.MIN_VALUE;
    StringBuilder page = new StringBuilder(limit * 700 + 64);
    int total;
    if (since == Long.MIN_VALUE) {
      total = listed;
      page.append("{\"total\":").append(total).append(",\"items\":[");
      for (int i = offset; i < Math.min(listed, offset + limit); i++) {
        if (i > offset) {
          page.append(',');
        }
        render(page, i, version[i], updated[i]);
      }
    } else {
      // changed records only; a linear scan is fine for a benchmark source
      int matched = 0;
      int written = 0;
      page.append("{\"items\":[");
      for (int i = 0; i < listed; i++) {
        if (updated[i] >= since) {
          if (matched >= offset && written < limit) {
            if (written > 0) {
              page.append(',');
            }
            render(page, i, version[i], updated[i]);
            written++;
          }
          matched++;
        }
      }
      total = matched;
      page.append("],\"total\":").append(total).append('}');
      send(exchange, page);
      return;
    }
    page.append("]}");
    send(exchange, page);
  }

  private synchronized void mutate(HttpExchange exchange) throws IOException {
    int percent = Integer.parseInt(query(exchange.getRequestURI()).getOrDefault("percent", "1"));
    int step = Math.max(1, 100 / Math.max(1, percent));
    long now = Instant.now().getEpochSecond();
    int changed = 0;
    for (int i = 0; i < count; i += step) {
      version[i]++;
      updated[i] = now;
      changed++;
    }
    send(exchange, new StringBuilder("{\"changed\":").append(changed).append('}'));
  }

  private static void send(HttpExchange exchange, StringBuilder body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
