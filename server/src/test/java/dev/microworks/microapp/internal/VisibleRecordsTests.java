package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.ChangeCounts;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.TableRef;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class VisibleRecordsTests {

  private static final TableRef TICKETS = new TableRef(TenantId.DEFAULT, "demo", "tickets");
  private static final String ALICE = "alice@example.com";

  /** The filter record.assignee_email == user.email || record.reporter_email == user.email. */
  private static final Predicate<Map<String, Object>> ALICES =
      values ->
          ALICE.equals(values.get("assignee_email")) || ALICE.equals(values.get("reporter_email"));

  private final Cache cache =
      new Cache(
          List.of(
              ticket("T-1", ALICE, "bob@example.com"),
              ticket("T-2", "bob@example.com", ALICE),
              ticket("T-3", ALICE, ALICE),
              ticket("T-4", " ALICE@example.com", "bob@example.com"),
              ticket("T-5", "bob@example.com", "carol@example.com")));

  @Test
  void aLookupPlanReadsOnlyTheLookedUpRecordsAndComparesExactly() {
    FilterPlan plan =
        FilterPlan.of(
            "record.assignee_email == user.email || record.reporter_email == user.email",
            FilterPlanTests.TICKETS);

    List<Row> rows =
        new VisibleRecords(cache, 100).read(TICKETS, FilterPlanTests.TICKETS, plan, ALICE, ALICES);

    assertThat(rows).extracting(Row::key).containsExactly("T-1", "T-2", "T-3");
    assertThat(cache.lookups).containsExactly("assignee_email", "reporter_email");
    assertThat(cache.browsed).isZero();
  }

  @Test
  void aBrowsePlanReadsEveryRecordAndKeepsThoseTheFilterLetsThrough() {
    List<Row> rows =
        new VisibleRecords(cache, 100)
            .read(TICKETS, FilterPlanTests.TICKETS, FilterPlan.browse(), ALICE, ALICES);

    assertThat(rows).extracting(Row::key).containsExactly("T-1", "T-2", "T-3");
    assertThat(cache.lookups).isEmpty();
    assertThat(cache.browsed).isEqualTo(5);
  }

  @Test
  void aTableLargerThanTheScanLimitIsRefusedSayingWhatToChange() {
    assertThatThrownBy(
            () ->
                new VisibleRecords(cache, 4)
                    .read(TICKETS, FilterPlanTests.TICKETS, FilterPlan.browse(), ALICE, ALICES))
        .isInstanceOf(PageException.class)
        .hasMessage(
            "Table tickets holds 5 records; a page reads at most 4 into memory. Give the table a"
                + " per-user filter of the form record.<column> == user.email on a lookup column,"
                + " so a page reads only the user's records.");
  }

  @Test
  void aLookupFindingMoreThanTheScanLimitIsRefused() {
    FilterPlan plan = FilterPlan.of("record.assignee_email == user.email", FilterPlanTests.TICKETS);

    assertThatThrownBy(
            () ->
                new VisibleRecords(cache, 1)
                    .read(TICKETS, FilterPlanTests.TICKETS, plan, ALICE, ALICES))
        .isInstanceOf(PageException.class)
        .hasMessageStartingWith("More than 1 records of table tickets have assignee_email");
  }

  private static CachedRecord ticket(String key, String assignee, String reporter) {
    String payload =
        "{\"key\":\"%s\",\"assignee_email\":\"%s\",\"reporter_email\":\"%s\"}"
            .formatted(key, assignee, reporter);
    return new CachedRecord(key, payload, 1, null, Instant.EPOCH, UUID.randomUUID());
  }

  /** The cache's reads over a list; a lookup compares trimmed and case-insensitively. */
  private static final class Cache implements DataCache {
    private final List<CachedRecord> records;
    final List<String> lookups = new ArrayList<>();
    int browsed;

    Cache(List<CachedRecord> records) {
      this.records = records;
    }

    @Override
    public List<CachedRecord> browse(TableRef table, int offset, int limit) {
      List<CachedRecord> page =
          records.subList(
              Math.min(offset, records.size()), Math.min(offset + limit, records.size()));
      browsed += page.size();
      return page;
    }

    @Override
    public List<CachedRecord> lookup(TableRef table, String column, String value, int limit) {
      lookups.add(column);
      String wanted = value.strip().toLowerCase(Locale.ROOT);
      return records.stream()
          .filter(
              r ->
                  RecordValues.display(
                          RecordValues.of(FilterPlanTests.TICKETS, r.payload()).get(column))
                      .strip()
                      .toLowerCase(Locale.ROOT)
                      .equals(wanted))
          .limit(limit)
          .toList();
    }

    @Override
    public List<CachedRecord> find(TableRef table, Collection<String> keys) {
      return records.stream().filter(r -> keys.contains(r.key())).toList();
    }

    @Override
    public long count(TableRef table) {
      return records.size();
    }

    @Override
    public FullSync beginFullSync(TableRef table, UUID runId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ChangeCounts applyIncremental(TableRef table, UUID runId, List<IncomingRecord> records) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long purgeOlderThan(TableRef table, Instant cutoff) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long dropIntegration(TenantId tenant, String integration) {
      throw new UnsupportedOperationException();
    }
  }
}
