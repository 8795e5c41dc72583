package dev.microworks.bench;

import dev.microworks.integration.Integrations;
import dev.microworks.microapp.Microapps;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notification pipeline at scale: 10 rules over N changed records (default 100,000) whose
 * e-mail column spreads them over U users (default 10,000), audience by that column, subscribers
 * all users. Measures cards per second and change-to-card latency after the sync's commit, for a
 * full sync (one transaction: every change arrives at its end) and for an incremental sync of all
 * records (a transaction per page), next to a JDBC batch INSERT of as many card rows in the same
 * run.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *   dev.microworks.bench.NotificationBenchmark [records [users]]</pre>
 */
public final class NotificationBenchmark {

  private static final String[] STATUSES = {"open", "in_progress", "resolved", "closed"};

  /** How long the rule engine may take to catch up after a sync before the run is failed. */
  private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);

  private NotificationBenchmark() {}

  /** Whether a rule matches record {@code i} of the fast source at {@code version}. */
  private interface Share {
    boolean matches(int i, int version);
  }

  /** One of the 10 rules: its id, its {@code when} in YAML flow style, and whom it matches. */
  private record Rule(String id, String when, Share share) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "priority-0",
              "{column: priority, is: equal-to, value: \"0\"}",
              (i, v) -> priority(i) == 0),
          new Rule(
              "priority-3-up",
              "{column: priority, is: greater-or-equal, value: \"3\"}",
              (i, v) -> priority(i) >= 3),
          new Rule(
              "open", "{column: status, is: equal-to, value: open}", (i, v) -> status(i, v) == 0),
          new Rule(
              "closed",
              "{column: status, is: equal-to, value: closed}",
              (i, v) -> status(i, v) == 3),
          new Rule(
              "small", "{column: amount, is: less, value: \"1000\"}", (i, v) -> i % 10_000 < 1000),
          new Rule(
              "large",
              "{column: amount, is: greater-or-equal, value: \"9000\"}",
              (i, v) -> i % 10_000 >= 9000),
          new Rule(
              "urgent-in-progress",
              "{all: [{column: priority, is: equal-to, value: \"4\"},"
                  + " {column: status, is: equal-to, value: in_progress}]}",
              (i, v) -> priority(i) == 4 && status(i, v) == 1),
          new Rule(
              "resolved-or-p1",
              "{any: [{column: status, is: equal-to, value: resolved},"
                  + " {column: priority, is: equal-to, value: \"1\"}]}",
              (i, v) -> status(i, v) == 2 || priority(i) == 1),
          new Rule(
              "tiny", "{column: amount, is: less, value: \"100\"}", (i, v) -> i % 10_000 < 100),
          new Rule(
              "priority-2",
              "{column: priority, is: equal-to, value: \"2\"}",
              (i, v) -> priority(i) == 2));

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    if (users > 10_000) {
      throw new IllegalArgumentException(
          "users: at most 10000 (the fast source's assignees are user0..user9999): " + users);
    }
    int port = BenchSupport.freePort();
    Process source = BenchSupport.startSource(port, records);
    Path work = Files.createTempDirectory("microworks-notification-bench");
    try {
      Path masterKey = BenchSupport.masterKeyFile(work);
      Path data = work.resolve("pg");
      BenchServer.trackCommitTimestamps(data, masterKey);
      System.out.printf(
          Locale.ROOT,
          "Notification benchmark, %,d records over %,d users, %d rules, max heap %d MB,"
              + " %d processors%n%n",
          records,
          users,
          RULES.size(),
          Runtime.getRuntime().maxMemory() / 1024 / 1024,
          Runtime.getRuntime().availableProcessors());
      try (ConfigurableApplicationContext server = BenchServer.start(data, masterKey)) {
        new Run(server, data, source.toHandle(), port, records, users).run();
      }
    } finally {
      source.destroy();
      BenchSupport.deleteTree(work);
    }
  }

  /** One benchmark run against one server. */
  private static final class Run {

    private final ConfigurableApplicationContext server;
    private final DataSource dataSource;
    private final Path data;
    private final ProcessHandle source;
    private final int port;
    private final int records;
    private final int users;
    private final int[] versions;

    Run(
        ConfigurableApplicationContext server,
        Path data,
        ProcessHandle source,
        int port,
        int records,
        int users) {
      this.server = server;
      this.dataSource = server.getBean(DataSource.class);
      this.data = data;
      this.source = source;
      this.port = port;
      this.records = records;
      this.users = users;
      this.versions = new int[records];
    }

    void run() throws Exception {
      BenchUsers.create(dataSource, users);
      server
          .getBean(Integrations.class)
          .save(TenantId.DEFAULT, BenchSupport.sourceSpec("bench", port, 0, 1000), "bench.yaml");
      server
          .getBean(Microapps.class)
          .save(TenantId.DEFAULT, microapp(), "bench-microapp.yaml", "benchmark");

      long incrementalCards = expectedCards();
      double waited = CpuTime.awaitQuiet(data, source);
      CpuTime before = CpuTime.now(data, source);
      double baseline =
          CardRowsBaseline.insert(
              dataSource, incrementalCards, RULES.stream().map(Rule::id).toList());
      CpuTime used = CpuTime.now(data, source).minus(before);
      clearCards();
      System.out.printf(
          Locale.ROOT,
          "  %-52s %,9d cards %8.2f s %,8.0f cards/s%n",
          "baseline: JDBC batch INSERT of event, notice and card",
          incrementalCards,
          baseline,
          incrementalCards / baseline);
      System.out.println("    " + used.describe("the source", waited));

      // a full sync: every record new, one transaction, so every change arrives after its commit
      measure("full sync, all records new (one commit)", SyncMode.FULL, expectedCards());
      clearCards();

      // warm-up, not measured: an incremental sync of 1 % (JIT, the incremental paths)
      mutate(1);
      BenchSupport.sync(server.getBean(Synchronizations.class), "bench", SyncMode.INCREMENTAL);
      awaitRuleEngine(Instant.now());
      clearCards();

      mutate(100);
      measure(
          "incremental sync, all records changed (a commit per page)",
          SyncMode.INCREMENTAL,
          expectedCards());
    }

    /** A sync, then the rule engine until it caught up; prints what it took. */
    private void measure(String what, SyncMode mode, long expected) throws Exception {
      double waited = CpuTime.awaitQuiet(data, source);
      CpuTime before = CpuTime.now(data, source);
      SyncRun run;
      CpuTime used;
      try (AutoCloseable sampler = QuerySampler.startIfAsked(dataSource)) {
        run = BenchSupport.sync(server.getBean(Synchronizations.class), "bench", mode);
        awaitRuleEngine(run.finishedAt());
        used = CpuTime.now(data, source).minus(before);
      }
      CardLatency figures = CardLatency.of(dataSource, run.id());
      double syncSeconds = Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1e3;
      double toLastCard = seconds(run.startedAt(), figures.lastVisible());
      System.out.printf(
          Locale.ROOT,
          "  %-52s %,9d cards %8.2f s %,8.0f cards/s  (sync start to last card committed)%n",
          what,
          figures.cards(),
          toLastCard,
          figures.cards() / toLastCard);
      if (figures.cards() != expected) {
        System.out.printf(
            Locale.ROOT, "    !! expected %,d cards from the rules' shares%n", expected);
      }
      System.out.printf(
          Locale.ROOT,
          "    the sync: %,d records read, %,d changed, %.2f s; first card committed %.2f s after"
              + " the sync started, last %.2f s after it finished%n",
          run.recordsRead(),
          run.created() + run.updated(),
          syncSeconds,
          seconds(run.startedAt(), figures.firstVisible()),
          seconds(run.finishedAt(), figures.lastVisible()));
      System.out.printf(
          Locale.ROOT,
          "    their records came in %,d commits of the sync, the cards went out in %,d commits%s%n",
          figures.recordCommits(),
          figures.cardCommits(),
          figures.cardCommits() < 2
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; %,.0f cards/s from the first to the last",
                  figures.cards() / seconds(figures.firstVisible(), figures.lastVisible())));
      System.out.printf(
          Locale.ROOT,
          "    change-to-card latency, card committed − its record's page committed:"
              + " p50 %s, p90 %s, p99 %s, max %s%n",
          ms(figures.visible()[0]),
          ms(figures.visible()[1]),
          ms(figures.visible()[2]),
          ms(figures.visible()[3]));
      System.out.printf(
          Locale.ROOT,
          "    rule matched (card.created_at) − its record's page committed:"
              + "            p50 %s, p90 %s, p99 %s, max %s%n",
          ms(figures.matched()[0]),
          ms(figures.matched()[1]),
          ms(figures.matched()[2]),
          ms(figures.matched()[3]));
      System.out.printf(
          Locale.ROOT,
          "    (cache_record.synced_at, the page transaction's start, is %s before its commit on"
              + " average, %s at most)%n",
          ms(figures.syncedAtError()[0]),
          ms(figures.syncedAtError()[1]));
      System.out.println("    " + used.describe("the source", waited));
    }

    /** Until every RecordsChanged publication is complete (the rule engine handled it). */
    private void awaitRuleEngine(Instant syncFinished) throws Exception {
      Instant limit = Instant.now().plus(CATCH_UP_LIMIT);
      while (true) {
        try (Connection connection = dataSource.getConnection();
            var statement =
                connection.prepareStatement(
                    "SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
                        + " AND event_type LIKE '%RecordsChanged'");
            var result = statement.executeQuery()) {
          result.next();
          if (result.getLong(1) == 0) {
            return;
          }
          if (Instant.now().isAfter(limit)) {
            throw new IllegalStateException(
                result.getLong(1)
                    + " RecordsChanged events still unhandled "
                    + CATCH_UP_LIMIT
                    + " after the sync finished at "
                    + syncFinished);
          }
        }
        Thread.sleep(50);
      }
    }

    /** Cards, notices and raw events gone, so the next sync starts without any. */
    private void clearCards() throws Exception {
      BenchSupport.execute(dataSource, "TRUNCATE card, notice, notification_event");
      BenchSupport.execute(dataSource, "VACUUM ANALYZE card");
      BenchSupport.execute(dataSource, "CHECKPOINT");
    }

    /** The source changes {@code percent} % of its records; the same is tracked here. */
    private void mutate(int percent) throws Exception {
      BenchSupport.mutate(port, percent);
      int step = Math.max(1, 100 / Math.max(1, percent)); // as FastSource does
      for (int i = 0; i < records; i += step) {
        versions[i]++;
      }
    }

    /** How many cards the rules make for the records as they are now. */
    private long expectedCards() {
      long cards = 0;
      for (int i = 0; i < records; i++) {
        if (i % 10_000 >= users) {
          continue; // assigned to an e-mail address that is no user
        }
        for (Rule rule : RULES) {
          if (rule.share().matches(i, versions[i])) {
            cards++;
          }
        }
      }
      return cards;
    }

    /**
     * The 10 rules, each twice: on new records (the full sync) and on changed ones (the
     * incremental); a change is evaluated against the 10 of its kind only.
     */
    private static String microapp() {
      StringBuilder yaml =
          new StringBuilder(
              """
              id: bench
              title: Benchmark
              integration: bench
              subscribers:
                all-users: true
              notifications:
              """);
      for (String trigger : List.of("new", "change")) {
        for (Rule rule : RULES) {
          yaml.append(
              """
                - id: %s-%s
                  table: records
                  trigger: %s
                  when: %s
                  audience: {column: assignee_email}
                  card:
                    title: "{title}"
                    body: "{status}, priority {priority}, amount {amount}"
                    fields: [status, priority]
              """
                  .formatted(trigger, rule.id(), trigger, rule.when()));
        }
      }
      return yaml.toString();
    }
  }

  private static int priority(int i) {
    return i % 5;
  }

  /** Index into {@link #STATUSES}, as {@link FastSource} renders it. */
  private static int status(int i, int version) {
    return (i + version) % STATUSES.length;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static String ms(double seconds) {
    return String.format(Locale.ROOT, "%,.0f ms", seconds * 1000);
  }
}
