package dev.microworks.bench;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the database says about the cards of one sync run, from PostgreSQL's commit timestamps
 * ({@code track_commit_timestamp = on}): latencies in seconds as p50, p90, p99, max.
 *
 * @param visible card committed less its record's page committed
 * @param matched card.created_at (its rule matched) less its record's page committed
 * @param syncedAtError average and maximum of page committed less cache_record.synced_at
 * @param recordCommits how many transactions wrote the cards' records
 * @param cardCommits how many transactions wrote the cards
 */
record CardLatency(
    long cards,
    double[] visible,
    double[] matched,
    double[] syncedAtError,
    Instant firstVisible,
    Instant lastVisible,
    long recordCommits,
    long cardCommits) {

  /**
   * Latency per card from PostgreSQL's commit timestamps: when the card's transaction committed
   * (the card became visible in the feed), and card.created_at (when its rule matched: the start of
   * the rule engine's batch), each less when the transaction that wrote its record's cache row (its
   * sync page) committed; and how far cache_record.synced_at (that transaction's start, {@code
   * now()}) is from that commit.
   */
  static CardLatency of(DataSource dataSource, UUID runId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                """
                WITH c AS (
                  SELECT extract(epoch FROM pg_xact_commit_timestamp(c.xmin)
                                           - pg_xact_commit_timestamp(r.xmin)) AS visible,
                         extract(epoch FROM c.created_at - pg_xact_commit_timestamp(r.xmin))
                           AS matched,
                         extract(epoch FROM pg_xact_commit_timestamp(r.xmin) - r.synced_at)
                           AS synced_at_error,
                         pg_xact_commit_timestamp(c.xmin) AS visible_at,
                         pg_xact_commit_timestamp(r.xmin) AS committed_at
                    FROM card c
                    JOIN notice n ON n.id = c.notice_id
                    JOIN cache_record r ON r.tenant_id = n.tenant_id
                     AND r.integration_id = 'bench' AND r.table_name = 'records'
                     AND r.record_key = n.record_key
                   WHERE r.run_id = ?)
                SELECT count(*),
                       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY visible),
                       max(visible),
                       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY matched),
                       max(matched), avg(synced_at_error), max(synced_at_error),
                       min(visible_at), max(visible_at),
                       count(DISTINCT committed_at), count(DISTINCT visible_at)
                  FROM c
                """)) {
      statement.setObject(1, runId);
      try (var result = statement.executeQuery()) {
        result.next();
        Double[] visible = (Double[]) result.getArray(2).getArray();
        Double[] matched = (Double[]) result.getArray(4).getArray();
        return new CardLatency(
            result.getLong(1),
            new double[] {visible[0], visible[1], visible[2], result.getDouble(3)},
            new double[] {matched[0], matched[1], matched[2], result.getDouble(5)},
            new double[] {result.getDouble(6), result.getDouble(7)},
            result.getTimestamp(8).toInstant(),
            result.getTimestamp(9).toInstant(),
            result.getLong(10),
            result.getLong(11));
      }
    }
  }
}
