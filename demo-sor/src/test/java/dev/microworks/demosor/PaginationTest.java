package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.demosor.records.DemoData;
import dev.microworks.demosor.records.SorCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PaginationTest extends DemoSorTest {

  @Autowired DemoData demoData;

  @ParameterizedTest
  @EnumSource(PaginationClient.class)
  void everyStyleReturnsEveryTicketExactlyOnceInRecordOrder(PaginationClient style) {
    int missing = 10_000 - demoData.count(SorCollection.TICKETS);
    if (missing > 0) {
      demoData.generate(SorCollection.TICKETS, missing);
    }
    int total = demoData.count(SorCollection.TICKETS);
    assertThat(total).isGreaterThanOrEqualTo(10_000);

    List<String> keys = style.keys(this::getWithKey, "tickets", null);

    assertThat(keys)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, total).mapToObj(n -> "HD-" + n).toList());
  }

  @ParameterizedTest
  @EnumSource(PaginationClient.class)
  void updatedSinceReturnsExactlyTheRecordsChangedSinceThen(PaginationClient style) {
    if (demoData.count(SorCollection.TICKETS) < 1_000) {
      demoData.generate(SorCollection.TICKETS, 1_000);
    }
    Instant since = clock.advance(Duration.ofHours(1));
    JsonNode mutated =
        json(postWithKey("/admin/mutate", "{\"collection\":\"tickets\",\"count\":37}"));
    List<String> changed = mutated.get("keys").values().stream().map(JsonNode::asString).toList();
    assertThat(changed).hasSize(37).doesNotHaveDuplicates();
    clock.advance(Duration.ofMinutes(1));

    List<String> keys = style.keys(this::getWithKey, "tickets", since.toString());

    assertThat(keys).containsExactlyElementsOf(changed);
  }

  @ParameterizedTest
  @EnumSource(PaginationClient.class)
  void otherCollectionsPageTheSameWay(PaginationClient style) {
    for (SorCollection collection : List.of(SorCollection.PTO_REQUESTS, SorCollection.EXPENSES)) {
      List<String> keys = style.keys(this::getWithKey, collection.path(), null);
      assertThat(keys)
          .hasSize(demoData.count(collection))
          .doesNotHaveDuplicates()
          .first()
          .isEqualTo(collection.key(1));
    }
  }
}
