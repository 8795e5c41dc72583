package dev.microworks.bench;

import dev.microworks.MicroworksApplication;
import dev.microworks.integration.Integrations;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data-retrieval pipeline at scale, next to raw PostgreSQL COPY in the same run: full syncs of
 * N records (default 1,000,000) from a fast source in another process into an empty cache with
 * cache encryption on and off, alternated (the overhead of encrypting payloads at rest), then,
 * encrypted, an unchanged re-sync and an incremental sync after 1 % changed; prints records/s, the
 * ratio to COPY and the peak heap.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *   dev.microworks.bench.SyncBenchmark [records [pairs]]</pre>
 *
 * {@code pairs} (default 2) is how many full syncs each of encryption on and off gets.
 */
public final class SyncBenchmark {

  /** Records of the warm-up syncs each measured server runs before its measured one. */
  private static final int WARM_UP_RECORDS = 50_000;

  private static final int WARM_UP_PASSES = 2;

  private static final AtomicLong PEAK_HEAP = new AtomicLong();

  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    startHeapSampler();
    int port = BenchSupport.freePort();
    Process source = BenchSupport.startSource(port, records);
    Path work = Files.createTempDirectory("microworks-sync-bench");
    try {
      Path masterKey = BenchSupport.masterKeyFile(work);
      System.out.printf(
          Locale.ROOT,
          "Sync benchmark, %,d records, %d full sync%s each with cache encryption on and off,"
              + " max heap %d MB, %d processors%n%n",
          records,
          pairs,
          pairs == 1 ? "" : "s",
          Runtime.getRuntime().maxMemory() / 1024 / 1024,
          Runtime.getRuntime().availableProcessors());

      // Fairness. Encryption on and off run as separate servers one after the other in this JVM
      // (the property is read once, at start-up), each on a fresh embedded PostgreSQL data
      // directory, so every measured full sync starts from the same state: a new cluster, an
      // empty cache table, no WAL, dead tuples, dirty pages or statistics left by another run
      // (emptying one database between runs would leave those).
      // - Warm-up: a first server, not measured, runs the COPY baseline and a full sync of all
      //   records (measured, the JVM's first sync of that size took 10-25 % more CPU time than
      //   later ones, in the JVM and in PostgreSQL alike, even after smaller warm-ups); then each
      //   measured server warms up with two syncs of 50,000 records (its connection pool, code
      //   paths of its mode), each followed by TRUNCATE, ANALYZE and CHECKPOINT.
      // - Order: ABBA (on, off, off, on for two pairs; always ending with on), so whatever drifts
      //   during the run (JIT, the load of a shared machine, the disk's cache) falls on both sides.
      // - Noise: on a shared machine, another build changes a sync's time by tens of percent.
      //   Each measured sync waits for a quiet spell (up to 2 minutes) and prints the CPU time
      //   other processes took meanwhile; the overhead is given from the summed times, from the
      //   best time of each side (the least disturbed run), and from the CPU time of the server
      //   JVM and its PostgreSQL (less sensitive to other load, not insensitive).
      // - What differs: only the payload at rest. Both modes compute the HMAC content hash and
      //   the blind-index tokens; "off" stores the payload in clear (format 0) instead of
      //   AES-256-GCM (format 1), which each run checks in the database.
      double copy;
      Path warmUpDirectory = work.resolve("pg-warm-up");
      try (ConfigurableApplicationContext server = server(warmUpDirectory, masterKey, true, port)) {
        copy = copyBaseline(server.getBean(DataSource.class), records);
        report("baseline: raw COPY of the same records into an empty table", records, copy, copy);
        warmUp(server, port, records);
      }
      BenchSupport.deleteTree(warmUpDirectory);

      List<Boolean> order = order(pairs);
      Map<Boolean, List<Measured>> measured = new HashMap<>();
      Map<Boolean, Stored> stored = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        boolean encrypt = order.get(i);
        Path dataDirectory = work.resolve("pg-" + (i + 1));
        try (ConfigurableApplicationContext server =
            server(dataDirectory, masterKey, encrypt, port)) {
          DataSource dataSource = server.getBean(DataSource.class);
          for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            warmUp(server, port, Math.min(records, WARM_UP_RECORDS));
          }
          double waited = CpuTime.awaitQuiet(dataDirectory, source.toHandle());
          CpuTime before = CpuTime.now(dataDirectory, source.toHandle());
          SyncRun full = sync(server.getBean(Synchronizations.class), SyncMode.FULL);
          CpuTime used = CpuTime.now(dataDirectory, source.toHandle()).minus(before);
          stored.putIfAbsent(encrypt, stored(dataSource, encrypt ? 1 : 0, records));
          measured
              .computeIfAbsent(encrypt, mode -> new ArrayList<>())
              .add(new Measured(seconds(full), used.total()));
          report(
              "full sync into an empty cache, encryption "
                  + (encrypt ? "on " : "off")
                  + " ("
                  + (i + 1)
                  + ")",
              full.recordsRead(),
              seconds(full),
              copy);
          System.out.println("    " + used.describe("the source", waited));
          if (i == order.size() - 1) {
            overhead(measured.get(true), measured.get(false));
            System.out.printf(
                Locale.ROOT,
                "    stored payload %d bytes on average encrypted, %d clear;"
                    + " cache table %,d MB encrypted, %,d MB clear%n",
                stored.get(true).payloadBytes(),
                stored.get(false).payloadBytes(),
                stored.get(true).tableBytes() / 1024 / 1024,
                stored.get(false).tableBytes() / 1024 / 1024);
            resyncs(server, port, copy);
          }
        }
        BenchSupport.deleteTree(dataDirectory);
      }

      System.out.printf(
          Locale.ROOT,
          "%nPeak heap used (sampled every 50 ms): %d MB%n",
          PEAK_HEAP.get() / 1024 / 1024);
    } finally {
      source.destroy();
      BenchSupport.deleteTree(work);
    }
  }

  /**
   * Encryption on (true) or off for each measured full sync: {@code pairs} of each, in ABBA order
   * ending with on (the server of the last one also measures the re-syncs, encrypted).
   */
  private static List<Boolean> order(int pairs) {
    if (pairs < 1) {
      throw new IllegalArgumentException("pairs must be at least 1: " + pairs);
    }
    List<Boolean> order = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      boolean onFirst = (pairs - 1 - pair) % 2 == 1;
      order.add(onFirst);
      order.add(!onFirst);
    }
    return order;
  }

  /** One measured full sync: its time and the CPU time it took (server JVM and PostgreSQL). */
  private record Measured(double seconds, double cpuSeconds) {}

  private static void overhead(List<Measured> on, List<Measured> off) {
    double sumOn = on.stream().mapToDouble(Measured::seconds).sum();
    double sumOff = off.stream().mapToDouble(Measured::seconds).sum();
    double bestOn = on.stream().mapToDouble(Measured::seconds).min().orElseThrow();
    double bestOff = off.stream().mapToDouble(Measured::seconds).min().orElseThrow();
    double cpuOn = on.stream().mapToDouble(Measured::cpuSeconds).sum();
    double cpuOff = off.stream().mapToDouble(Measured::cpuSeconds).sum();
    System.out.printf(
        Locale.ROOT,
        "    encryption overhead on the full sync: %+.1f %% (total %.2f s on vs %.2f s off);"
            + " best of each %+.1f %% (%.2f s vs %.2f s); CPU time %+.1f %% (%.2f s vs %.2f s)%n",
        (sumOn / sumOff - 1) * 100,
        sumOn,
        sumOff,
        (bestOn / bestOff - 1) * 100,
        bestOn,
        bestOff,
        (cpuOn / cpuOff - 1) * 100,
        cpuOn,
        cpuOff);
  }

  /** With the full sync done: an unchanged full re-sync, then an incremental after 1 % changed. */
  private static void resyncs(ConfigurableApplicationContext server, int port, double copy)
      throws Exception {
    Synchronizations syncs = server.getBean(Synchronizations.class);
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

    BenchSupport.mutate(port, 1);
    SyncRun incremental = sync(syncs, SyncMode.INCREMENTAL);
    report("incremental after 1 % changed", incremental.recordsRead(), seconds(incremental), copy);
    System.out.printf(
        Locale.ROOT,
        "    updated %d of %d read%n",
        incremental.updated(),
        incremental.recordsRead());
  }

  /**
   * A server without web layer or schedules on its own data directory, the bench integration saved.
   */
  private static ConfigurableApplicationContext server(
      Path dataDirectory, Path masterKey, boolean encrypt, int port) {
    ConfigurableApplicationContext server =
        new SpringApplicationBuilder(MicroworksApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--microworks.database.embedded.data-directory=" + dataDirectory,
                "--microworks.wallet.provider=local",
                "--microworks.wallet.local.master-key-file=" + masterKey,
                "--microworks.cache.encryption.enabled=" + encrypt,
                "--microworks.sync.schedules-enabled=false",
                "--db-scheduler.polling-interval=100ms",
                "--logging.level.root=WARN",
                "--logging.level.dev.microworks=WARN",
                // the warning that encryption is off is expected here
                "--logging.level.dev.microworks.cache.internal.JdbcDataCache=ERROR",
                // nor is an admin token of a throwaway database worth printing
                "--logging.level.dev.microworks.identity.internal.BootstrapTokenAnnouncer=ERROR",
                "--spring.main.banner-mode=off");
    server.getBean(Integrations.class).save(TenantId.DEFAULT, spec("bench", port, 0), "bench.yaml");
    return server;
  }

  /**
   * A full sync of the first {@code records} records through the same pipeline (another
   * integration), then an empty cache again: truncated (a new, empty table file, as in a new
   * cluster), analysed and checkpointed.
   */
  private static void warmUp(ConfigurableApplicationContext server, int port, int records)
      throws Exception {
    server
        .getBean(Integrations.class)
        .save(TenantId.DEFAULT, spec("warmup", port, records), "warmup.yaml");
    sync(server.getBean(Synchronizations.class), "warmup", SyncMode.FULL);
    BenchSupport.execute(server.getBean(DataSource.class), "TRUNCATE cache_record");
    BenchSupport.execute(server.getBean(DataSource.class), "ANALYZE cache_record");
    BenchSupport.execute(server.getBean(DataSource.class), "CHECKPOINT");
    System.gc();
  }

  /** What the full sync stored: average payload size and the cache table's size on disk. */
  private record Stored(long payloadBytes, long tableBytes) {}

  /** Checks every cached bench record has the given payload format (0 clear, 1 AES-GCM). */
  private static Stored stored(DataSource dataSource, int format, int records) throws Exception {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT count(*) FILTER (WHERE get_byte(payload, 0) = ?), count(*),"
                    + " avg(octet_length(payload))::bigint,"
                    + " pg_total_relation_size('cache_record')"
                    + " FROM cache_record WHERE integration_id = 'bench'")) {
      statement.setInt(1, format);
      try (var result = statement.executeQuery()) {
        result.next();
        if (result.getLong(1) != records || result.getLong(2) != records) {
          throw new IllegalStateException(
              result.getLong(1)
                  + " of "
                  + result.getLong(2)
                  + " cached records have payload format "
                  + format
                  + ", expected all "
                  + records);
        }
        return new Stored(result.getLong(3), result.getLong(4));
      }
    }
  }

  /** The source's records as an integration; {@code count} > 0 lists only the first ones. */
  private static String spec(String id, int port, int count) {
    return BenchSupport.sourceSpec(id, port, count, 1000);
  }

  private static SyncRun sync(Synchronizations syncs, SyncMode mode) throws InterruptedException {
    return sync(syncs, "bench", mode);
  }

  private static SyncRun sync(Synchronizations syncs, String integration, SyncMode mode)
      throws InterruptedException {
    return BenchSupport.sync(syncs, integration, mode);
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
}
