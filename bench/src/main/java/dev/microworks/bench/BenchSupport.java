package dev.microworks.bench;

import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.Comparator;
import javax.sql.DataSource;

/** What the benchmarks share: the fast source process, the master key, syncs, files and ports. */
final class BenchSupport {

  private BenchSupport() {}

  /** Starts {@link FastSource} with {@code records} records in its own JVM and waits for it. */
  static Process startSource(int port, int records) throws Exception {
    Process source =
        new ProcessBuilder(
                java(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                FastSource.class.getName(),
                Integer.toString(port),
                Integer.toString(records))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitSource(port);
    return source;
  }

  /** Asks the fast source to change {@code percent} % of its records now. */
  static void mutate(int port, int percent) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/mutate?percent=" + percent))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitSource(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 600; i++) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/records?limit=1"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("fast source did not start");
  }

  /**
   * A random master key for the wallet's local key provider (32 bytes in base64, owner-only), in
   * the benchmark's work directory; the bench integrations have {@code security: none}, so the
   * wallet holds only the cache keys it creates on first use.
   */
  static Path masterKeyFile(Path work) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path file = work.resolve("master.key");
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file); // in the temporary directory, which is the user's own
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
    return file;
  }

  /** Starts a sync and waits until it succeeded; a failed sync throws with its error. */
  static SyncRun sync(Synchronizations syncs, String integration, SyncMode mode)
      throws InterruptedException {
    SyncRun queued = syncs.syncNow(TenantId.DEFAULT, integration, mode);
    while (true) {
      SyncRun run = syncs.run(TenantId.DEFAULT, queued.id()).orElseThrow();
      if (run.status() == SyncStatus.FAILED) {
        throw new IllegalStateException("sync failed: " + run.error());
      }
      if (run.status() == SyncStatus.SUCCEEDED) {
        return run;
      }
      Thread.sleep(100);
    }
  }

  static void execute(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Deletes a directory tree, best effort: what cannot be deleted is reported, not thrown. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete all of " + root + ": " + e);
    }
    if (Files.exists(root)) {
      System.err.println("left behind: " + root);
    }
  }

  static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * The fast source's records as an integration (table {@code records}) read {@code pageSize}
   * records a page; {@code count} > 0 lists only the first ones.
   */
  static String sourceSpec(String id, int port, int count, int pageSize) {
    return """
        id: %s
        title: Benchmark source
        connection:
          base-url: http://127.0.0.1:%d
          allowed-hosts: [127.0.0.1]
        security:
          type: none
        schedules:
          full: manual
          incremental: manual
        tables:
          - name: records
            root-path: items
            columns:
              - {name: id, type: string, primary-key: true}
              - {name: title, type: string}
              - {name: status, type: string}
              - {name: priority, type: integer}
              - {name: amount, type: decimal}
              - {name: assignee_email, path: assignee.email, type: string, lookup: true}
              - {name: updated_at, type: datetime}
            list:
              full:
                uri: /records%s
              incremental:
                uri: /records
                query:
                  updated_since: "{lastSync}"
            pagination:
              type: offset
              offset-param: offset
              limit-param: limit
              page-size: %d
              total-path: total
            last-sync:
              format: iso-instant
            updated-column: updated_at
            sync-window: P3650D
        """
        .formatted(
            id,
            port,
            count > 0 ? "\n        query:\n          count: \"" + count + "\"" : "",
            pageSize);
  }
}
