package dev.microworks.bench;

import dev.microworks.MicroworksApplication;
import dev.microworks.integration.Integrations;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data-retrieval pipeline at scale, next to raw PostgreSQL COPY in the same run: a full sync of
 * N records (default 1,000,000) from a fast source in another process, an unchanged re-sync, and an
 * incremental sync after 1 % changed; prints records/s, the ratio to COPY and the peak heap.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *   dev.microworks.bench.SyncBenchmark [records]</pre>
 */
public final class SyncBenchmark {

  private static final AtomicLong PEAK_HEAP = new AtomicLong();

  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    startHeapSampler();
    int port = freePort();
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
    Path data = Files.createTempDirectory("microworks-sync-bench");
    try (ConfigurableApplicationContext server =
        new SpringApplicationBuilder(MicroworksApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--microworks.database.embedded.data-directory=" + data.resolve("pg"),
                "--microworks.sync.schedules-enabled=false",
                "--db-scheduler.polling-interval=100ms",
                "--logging.level.root=WARN",
                "--logging.level.dev.microworks=WARN",
                "--spring.main.banner-mode=off")) {
      awaitSource(port);
      Integrations integrations = server.getBean(Integrations.class);
      Synchronizations syncs = server.getBean(Synchronizations.class);
      integrations.save(TenantId.DEFAULT, spec(port), "bench.yaml");

      System.out.printf(
          Locale.ROOT,
          "Sync benchmark, %,d records, max heap %d MB%n%n",
          records,
          Runtime.getRuntime().maxMemory() / 1024 / 1024);
      double copy = copyBaseline(server.getBean(DataSource.class), records);
      report("baseline: raw COPY of the same records into an empty table", records, copy, copy);

      SyncRun full = sync(syncs, SyncMode.FULL);
      report("full sync into an empty cache", full.recordsRead(), seconds(full), copy);

      SyncRun unchanged = sync(syncs, SyncMode.FULL);
      report(
          "unchanged full re-sync (no row written)",
          unchanged.recordsRead(),
          seconds(unchanged),
          copy);
      System.out.printf(
          Locale.ROOT,
          "    written: created %d, updated %d, deleted %d; unchanged %d%n",
          unchanged.created(),
          unchanged.updated(),
          unchanged.deleted(),
          unchanged.unchanged());
      System.out.printf(
          Locale.ROOT,
          "    its database work is loading the cached hashes (nothing is written): %.2f s%n",
          hashLoadSeconds(server.getBean(DataSource.class)));

      mutate(port);
      SyncRun incremental = sync(syncs, SyncMode.INCREMENTAL);
      report(
          "incremental after 1 % changed", incremental.recordsRead(), seconds(incremental), copy);
      System.out.printf(
          Locale.ROOT,
          "    updated %d of %d read%n",
          incremental.updated(),
          incremental.recordsRead());

      System.out.printf(
          Locale.ROOT,
          "%nPeak heap used (sampled every 50 ms): %d MB%n",
          PEAK_HEAP.get() / 1024 / 1024);
    } finally {
      source.destroy();
    }
  }

  private static String spec(int port) {
    return """
        id: bench
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
                uri: /records
              incremental:
                uri: /records
                query:
                  updated_since: "{lastSync}"
            pagination:
              type: offset
              offset-param: offset
              limit-param: limit
              page-size: 1000
              total-path: total
            last-sync:
              format: iso-instant
            updated-column: updated_at
            sync-window: P3650D
        """
        .formatted(port);
  }

  private static SyncRun sync(Synchronizations syncs, SyncMode mode) throws InterruptedException {
    SyncRun queued = syncs.syncNow(TenantId.DEFAULT, "bench", mode);
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

  /** COPY of the same records (as the source renders them) into an empty jsonb table. */
  private static double copyBaseline(DataSource dataSource, int records) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection
          .createStatement()
          .execute("CREATE TABLE bench_copy (id text PRIMARY KEY, doc jsonb)");
      long start = System.nanoTime();
      CopyIn copy =
          connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN");
      StringBuilder rows = new StringBuilder(1 << 20);
      for (int i = 0; i < records; i++) {
        rows.append("R-").append(i).append('\t');
        FastSource.render(rows, i, 0, 1_700_000_000L + i % 86_400);
        rows.append('\n');
        if (rows.length() > (1 << 20) || i == records - 1) {
          byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(bytes, 0, bytes.length);
          rows.setLength(0);
        }
      }
      copy.endCopy();
      double seconds = (System.nanoTime() - start) / 1e9;
      connection.createStatement().execute("DROP TABLE bench_copy");
      return seconds;
    }
  }

  /** The one query an unchanged full sync sends: every key and hash of the table, streamed. */
  private static double hashLoadSeconds(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      try (var statement =
          connection.prepareStatement(
              "SELECT record_key, content_hash FROM cache_record WHERE tenant_id = ?"
                  + " AND integration_id = 'bench' AND table_name = 'records'")) {
        statement.setObject(1, TenantId.DEFAULT.value());
        statement.setFetchSize(10_000);
        long rows = 0;
        try (var result = statement.executeQuery()) {
          while (result.next()) {
            result.getBytes(2);
            rows++;
          }
        }
        if (rows == 0) {
          throw new IllegalStateException("no cached records to load");
        }
      }
      connection.commit();
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static void report(String what, long records, double seconds, double copySeconds) {
    double rate = records / seconds;
    System.out.printf(
        Locale.ROOT,
        "  %-58s %,10d records %8.2f s %,10.0f records/s%s%n",
        what,
        records,
        seconds,
        rate,
        seconds == copySeconds
            ? ""
            : String.format(Locale.ROOT, "  (time %.2f × COPY's)", seconds / copySeconds));
  }

  private static double seconds(SyncRun run) {
    return Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
  }

  private static void mutate(int port) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mutate?percent=1"))
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

  private static void startHeapSampler() {
    Thread sampler =
        new Thread(
            () -> {
              var memory = ManagementFactory.getMemoryMXBean();
              while (true) {
                PEAK_HEAP.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
