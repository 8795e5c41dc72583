package dev.microworks.bench;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A poor man's profiler of PostgreSQL, for finding where a benchmark's database time goes: samples
 * {@code pg_stat_activity} every 10 ms and counts what the active backends were running (statement
 * start, whitespace folded). Diagnostic only: it costs CPU itself, so a measured run leaves it off
 * (on with {@code -Dbench.sample-queries=true}).
 */
final class QuerySampler implements AutoCloseable {

  private final Map<String, Integer> samples = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private int ticks;

  private QuerySampler(DataSource dataSource) {
    thread = new Thread(() -> sample(dataSource), "query-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** A sampler when {@code -Dbench.sample-queries=true}, else one that does nothing. */
  static AutoCloseable startIfAsked(DataSource dataSource) {
    return Boolean.getBoolean("bench.sample-queries") ? new QuerySampler(dataSource) : () -> {};
  }

  private void sample(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_activity"
                    + " WHERE state = 'active' AND pid <> pg_backend_pid()"
                    + " AND backend_type = 'client backend'")) {
      while (running.get()) {
        try (var rows = statement.executeQuery()) {
          synchronized (samples) {
            ticks++;
            while (rows.next()) {
              samples.merge(rows.getString(1), 1, Integer::sum);
            }
          }
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      System.err.println("query sampler stopped: " + e);
    }
  }

  /** Stops and prints the 12 statements seen active most often, with their share of samples. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
    synchronized (samples) {
      System.out.printf(
          Locale.ROOT, "    PostgreSQL, active statements in %,d samples (10 ms apart):%n", ticks);
      samples.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(12)
          .forEach(
              entry ->
                  System.out.printf(
                      Locale.ROOT,
                      "      %5.1f %%  %s%n",
                      100.0 * entry.getValue() / Math.max(1, ticks),
                      entry.getKey()));
    }
  }
}
