package dev.microworks.bench;

import dev.microworks.integration.Integrations;
import dev.microworks.microapp.Microapps;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The feed API under load: U users (default 10,000) with one personal access token each, C cards
 * each (default 100, so 1,000,000 cards, made by the real pipeline: a rule with audience
 * all-subscribers over C records), and {@code wrk} asking {@code GET /api/v1/feed?limit=20} with
 * the users' tokens in turn; requests/s and latency percentiles, next to the same load on {@code
 * /actuator/health/liveness} (no authentication, no database) in the same run, and the CPU split
 * between the server JVM, PostgreSQL and {@code wrk}.
 *
 * <p>Needs {@code wrk} on the PATH ({@code apt-get install wrk}). Run from the repository root
 * after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -Xmx3g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *   dev.microworks.bench.FeedBenchmark [users [cards-per-user [seconds [connections]]]]</pre>
 */
public final class FeedBenchmark {

  /** Records per page of the seeding sync: each page's rule engine batch writes users × this. */
  private static final int SEED_PAGE_SIZE = 5;

  private static final int WARM_UP_SECONDS = 10;

  /** Left out of the CPU window at either end of a load run (connecting, draining). */
  private static final int CPU_MARGIN_SECONDS = 2;

  private static final String WRK_SCRIPT =
      """
      -- rotates Authorization headers over the tokens in the file given as the first argument
      -- ("none": no header); done() prints one line the benchmark reads
      local tokens = {}
      local next_token = 0
      local counter = 0
      local threads = {}

      function setup(thread)
        thread:set("id", #threads)
        table.insert(threads, thread)
      end

      function init(args)
        if args[1] ~= "none" then
          for line in io.lines(args[1]) do
            tokens[#tokens + 1] = line
          end
        end
        counter = (id or 0) * 7919
      end

      function request()
        if #tokens == 0 then
          return wrk.format("GET")
        end
        counter = counter % #tokens + 1
        return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[counter]})
      end

      function done(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("BENCH %d %d %.0f %.0f %.0f %.0f %.0f %d %d\\n",
          summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
          latency:percentile(99), latency:percentile(99.9), latency.max, e.status,
          e.connect + e.read + e.write + e.timeout))
      end
      """;

  private FeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int cardsPerUser = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    if (users > 10_000 || seconds <= 2 * CPU_MARGIN_SECONDS) {
      throw new IllegalArgumentException(
          "users at most 10000 (the fast source's assignees), seconds more than "
              + 2 * CPU_MARGIN_SECONDS);
    }
    String wrk = wrk();
    int sourcePort = BenchSupport.freePort();
    Process source = BenchSupport.startSource(sourcePort, cardsPerUser);
    Path work = Files.createTempDirectory("microworks-feed-bench");
    try {
      Path masterKey = BenchSupport.masterKeyFile(work);
      Path data = work.resolve("pg");
      int httpPort = BenchSupport.freePort();
      System.out.printf(
          Locale.ROOT,
          "Feed benchmark, %,d users × %,d cards = %,d cards, 20-card pages, wrk 1 thread %d"
              + " connections %d s, max heap %d MB, %d processors%n%n",
          users,
          cardsPerUser,
          (long) users * cardsPerUser,
          connections,
          seconds,
          Runtime.getRuntime().maxMemory() / 1024 / 1024,
          Runtime.getRuntime().availableProcessors());
      try (ConfigurableApplicationContext server = BenchServer.start(data, masterKey, httpPort)) {
        DataSource dataSource = server.getBean(DataSource.class);
        Path tokens = work.resolve("tokens.txt");
        BenchUsers.create(dataSource, users);
        Files.write(tokens, BenchUsers.tokens(dataSource), StandardCharsets.US_ASCII);
        seed(server, sourcePort, cardsPerUser);
        source.destroy();

        Path script = work.resolve("feed.lua");
        Files.writeString(script, WRK_SCRIPT, StandardCharsets.UTF_8);
        String base = "http://127.0.0.1:" + httpPort;
        String feed = base + "/api/v1/feed?limit=20";
        Load load = new Load(wrk, script, data, dataSource, connections);
        load.run(feed, Optional.of(tokens), WARM_UP_SECONDS); // JIT, connection pool, caches
        load.run(base + "/actuator/health/liveness", Optional.empty(), WARM_UP_SECONDS);
        double waited = CpuTime.awaitQuiet(data, null);
        report(
            "baseline: GET /actuator/health/liveness (no auth, no DB)",
            load.run(base + "/actuator/health/liveness", Optional.empty(), seconds),
            waited);
        waited = CpuTime.awaitQuiet(data, null);
        report(
            "GET /api/v1/feed?limit=20, a user's token in turn",
            load.run(feed, Optional.of(tokens), seconds),
            waited);
      }
    } finally {
      source.destroy();
      BenchSupport.deleteTree(work);
    }
  }

  /**
   * The cards, through the real pipeline: a microapp whose one rule notifies all subscribers (all
   * users) of every new record, and a full sync of {@code cardsPerUser} records, {@value
   * #SEED_PAGE_SIZE} a page (a rule engine batch each).
   */
  private static void seed(ConfigurableApplicationContext server, int sourcePort, int cardsPerUser)
      throws Exception {
    server
        .getBean(Integrations.class)
        .save(
            TenantId.DEFAULT,
            BenchSupport.sourceSpec("feed", sourcePort, 0, SEED_PAGE_SIZE),
            "feed.yaml");
    server
        .getBean(Microapps.class)
        .save(
            TenantId.DEFAULT,
            """
            id: feed
            title: Feed benchmark
            integration: feed
            subscribers:
              all-users: true
            notifications:
              - id: everyone
                table: records
                trigger: new
                audience: {all-subscribers: true}
                card:
                  title: "{title}"
                  body: "{status}, priority {priority}, amount {amount}"
                  fields: [status, priority]
            """,
            "feed-microapp.yaml",
            "benchmark");
    DataSource dataSource = server.getBean(DataSource.class);
    long start = System.nanoTime();
    SyncRun run = BenchSupport.sync(server.getBean(Synchronizations.class), "feed", SyncMode.FULL);
    awaitRuleEngine(dataSource);
    double took = (System.nanoTime() - start) / 1e9;
    long cards = count(dataSource, "SELECT count(*) FROM card");
    // every active user subscribes: the bench users and the server's bootstrap admin
    long subscribers = count(dataSource, "SELECT count(*) FROM app_user WHERE status = 'ACTIVE'");
    long expected = subscribers * cardsPerUser;
    System.out.printf(
        Locale.ROOT,
        "  seeded %,d cards (%,d notices × %,d users) through sync and rule engine in %.1f s:"
            + " %,.0f cards/s (sync %.1f s)%n",
        cards,
        run.created(),
        subscribers,
        took,
        cards / took,
        Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1e3);
    if (cards != expected) {
      throw new IllegalStateException("expected " + expected + " cards, found " + cards);
    }
    BenchSupport.execute(dataSource, "VACUUM ANALYZE");
    BenchSupport.execute(dataSource, "CHECKPOINT");
  }

  private static void awaitRuleEngine(DataSource dataSource) throws Exception {
    Instant limit = Instant.now().plus(Duration.ofMinutes(20));
    while (count(
            dataSource,
            "SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
                + " AND event_type LIKE '%RecordsChanged'")
        > 0) {
      if (Instant.now().isAfter(limit)) {
        throw new IllegalStateException("the rule engine did not catch up in 20 minutes");
      }
      Thread.sleep(200);
    }
  }

  private static long count(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** What one wrk run measured, and the CPU time of its middle. */
  private record Measured(
      long requests,
      double seconds,
      double p50,
      double p90,
      double p99,
      double p999,
      double max,
      long non2xx,
      long socketErrors,
      CpuTime cpu,
      double cpuWindowSeconds) {}

  /** Runs wrk: one thread, keep-alive connections, closed loop. */
  private record Load(String wrk, Path script, Path data, DataSource dataSource, int connections) {

    Measured run(String url, Optional<Path> tokens, int seconds) throws Exception {
      Process process =
          new ProcessBuilder(
                  wrk,
                  "-t1",
                  "-c" + connections,
                  "-d" + seconds + "s",
                  "--timeout",
                  "5s",
                  "-s",
                  script.toString(),
                  url,
                  "--",
                  tokens.map(Path::toString).orElse("none"))
              .redirectErrorStream(true)
              .start();
      List<String> output = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  lines.lines().forEach(output::add);
                } catch (java.io.IOException e) {
                  output.add("(output lost: " + e + ")");
                }
              },
              "wrk-output");
      reader.start();
      Thread.sleep(CPU_MARGIN_SECONDS * 1000L);
      CpuTime before = CpuTime.now(data, process.toHandle());
      long windowStart = System.nanoTime();
      CpuTime cpu;
      double window;
      try (AutoCloseable sampler = QuerySampler.startIfAsked(dataSource)) {
        Thread.sleep((seconds - 2L * CPU_MARGIN_SECONDS) * 1000L);
        cpu = CpuTime.now(data, process.toHandle()).minus(before);
        window = (System.nanoTime() - windowStart) / 1e9;
      }
      process.waitFor();
      reader.join();
      String line =
          output.stream()
              .filter(l -> l.startsWith("BENCH "))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("wrk said: " + String.join("\n", output)));
      String[] f = line.split(" ");
      return new Measured(
          Long.parseLong(f[1]),
          Long.parseLong(f[2]) / 1e6,
          Double.parseDouble(f[3]) / 1e3,
          Double.parseDouble(f[4]) / 1e3,
          Double.parseDouble(f[5]) / 1e3,
          Double.parseDouble(f[6]) / 1e3,
          Double.parseDouble(f[7]) / 1e3,
          Long.parseLong(f[8]),
          Long.parseLong(f[9]),
          cpu,
          window);
    }
  }

  private static void report(String what, Measured m, double waited) {
    System.out.printf(
        Locale.ROOT,
        "  %-52s %,9d requests %6.1f s %,8.0f req/s  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
            + " p99.9 %.2f ms, max %.1f ms%s%n",
        what,
        m.requests(),
        m.seconds(),
        m.requests() / m.seconds(),
        m.p50(),
        m.p90(),
        m.p99(),
        m.p999(),
        m.max(),
        m.non2xx() + m.socketErrors() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "  !! %d non-2xx responses, %d socket errors",
                m.non2xx(),
                m.socketErrors()));
    CpuTime cpu = m.cpu();
    double window = m.cpuWindowSeconds();
    System.out.printf(
        Locale.ROOT,
        "    CPU over the middle %.0f s, in processors: server JVM %.2f, PostgreSQL %.2f, wrk %.2f,"
            + " other processes %.2f (of %d)%s%n",
        window,
        cpu.jvm() / window,
        cpu.postgres() / window,
        cpu.helper() / window,
        cpu.others() / window,
        Runtime.getRuntime().availableProcessors(),
        waited > 1.5 * CpuTime.QUIET_SAMPLE_SECONDS
            ? String.format(
                Locale.ROOT, " (started after %.0f s waiting for a quiet machine)", waited)
            : "");
  }

  private static String wrk() throws Exception {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(directory, "wrk");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "wrk is not on the PATH: install it (Debian: apt-get install wrk) and run again");
  }
}
