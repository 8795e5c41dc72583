package dev.microworks.demosor.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.demosor.config.SeedProperties;
import dev.microworks.demosor.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static DemoData demoData(long seed, int tickets) {
    Records records = new Records(Clock.fixed(NOW, ZoneOffset.UTC));
    return new DemoData(records, new SeedProperties(seed, tickets, 40, 40, Duration.ofDays(60)));
  }

  @Test
  void theSameSeedGivesTheSameRecords() {
    DemoData first = demoData(7, 50);
    DemoData second = demoData(7, 50);
    DemoData other = demoData(8, 50);

    for (int n = 1; n <= 50; n++) {
      assertThat(detail(first, "HD-" + n)).isEqualTo(detail(second, "HD-" + n));
    }
    assertThat(detail(first, "EXP-40")).isEqualTo(detail(second, "EXP-40"));
    assertThat(List.of(detail(first, "HD-1"), detail(first, "HD-2"), detail(first, "HD-3")))
        .isNotEqualTo(List.of(detail(other, "HD-1"), detail(other, "HD-2"), detail(other, "HD-3")));
  }

  @Test
  void seededRecordsAreSpreadOverTheSixtyDaysBeforeNow() {
    DemoData data = demoData(42, 120);
    Records records = recordsOf(data);

    RecordStore.Slice all = records.tickets.slice(0, 1000, null);
    assertThat(all.total()).isEqualTo(120);
    for (Object item : all.items()) {
      Ticket.View view = (Ticket.View) item;
      assertThat(view.createdAt()).isBetween(NOW.minus(Duration.ofDays(60)), NOW);
      assertThat(view.updatedAt()).isBetween(view.createdAt(), NOW);
    }
    assertThat(records.ptoRequests.size()).isEqualTo(40);
  }

  @Test
  void aMillionTicketsFitInMemoryAndStayReadable() {
    DemoData data = demoData(1, 0);

    DemoData.Generated generated = data.generate(SorCollection.TICKETS, 1_000_000);

    assertThat(generated.total()).isEqualTo(1_000_000);
    assertThat(generated.lastKey()).isEqualTo("HD-1000000");
    assertThat(
            ((Ticket.View) recordsOf(data).detail(SorCollection.TICKETS, "HD-999999").record())
                .key())
        .isEqualTo("HD-999999");
    List<String> changed = data.mutate(SorCollection.TICKETS, 37);
    assertThat(changed).hasSize(37).doesNotHaveDuplicates();
  }

  @Test
  void mutateBumpsUpdatedAtAndAppendsHistory() {
    DemoData data = demoData(3, 20);

    List<String> keys = data.mutate(SorCollection.EXPENSES, 5);

    for (String key : keys) {
      RecordDetail detail = recordsOf(data).detail(SorCollection.EXPENSES, key);
      assertThat(((Expense.View) detail.record()).updatedAt()).isEqualTo(NOW);
      assertThat(detail.history().get(detail.history().size() - 1).actor())
          .isEqualTo("service:generator");
    }
  }

  @Test
  void mutatingMoreRecordsThanExistIsRefused() {
    DemoData data = demoData(3, 5);
    assertThatThrownBy(() -> data.mutate(SorCollection.TICKETS, 6))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("between 0 and the collection size 5");
  }

  private static Object detail(DemoData data, String key) {
    SorCollection collection =
        key.startsWith("HD") ? SorCollection.TICKETS : SorCollection.EXPENSES;
    return recordsOf(data).detail(collection, key);
  }

  private static Records recordsOf(DemoData data) {
    return data.records();
  }
}
