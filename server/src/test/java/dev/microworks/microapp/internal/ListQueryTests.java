package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import dev.microworks.microapp.MicroappDefinition.Page;
import dev.microworks.microapp.MicroappDefinition.PageType;
import dev.microworks.microapp.MicroappDefinition.Sort;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ListQueryTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Page PAGE =
      new Page(
          "tickets",
          PageType.LIST,
          "Tickets",
          "tickets",
          List.of("key", "title", "priority"),
          Optional.empty(),
          List.of(new Sort("priority", true)),
          List.of("title"),
          Optional.empty(),
          List.of(),
          List.of());

  private static final List<Row> ROWS =
      List.of(
          row("T-1", "Printer jam", 2L),
          row("T-2", "VPN down", 3L),
          row("T-3", "printer toner", null),
          row("T-4", "Laptop", 3L));

  @Test
  void theDeclaredSortAppliesThenTheKeyAndEmptyValuesComeLast() {
    List<Row> rows = new ListQuery("", "", 0, 50).apply(PAGE, ROWS);

    assertThat(rows).extracting(Row::key).containsExactly("T-2", "T-4", "T-1", "T-3");
  }

  @Test
  void aSortOverrideNamesAColumnOptionallyDescending() {
    assertThat(new ListQuery("", "title", 0, 50).apply(PAGE, ROWS))
        .extracting(Row::key)
        .containsExactly("T-4", "T-1", "T-3", "T-2");
    assertThat(new ListQuery("", "-key", 0, 50).apply(PAGE, ROWS))
        .extracting(Row::key)
        .containsExactly("T-4", "T-3", "T-2", "T-1");
  }

  @Test
  void searchIsACaseInsensitiveSubstringOfTheSearchColumns() {
    assertThat(new ListQuery(" PRINTER ", "key", 0, 50).apply(PAGE, ROWS))
        .extracting(Row::key)
        .containsExactly("T-1", "T-3");
    assertThat(new ListQuery("T-2", "", 0, 50).apply(PAGE, ROWS))
        .as("key is not a search column")
        .isEmpty();
  }

  @Test
  void aSortByAnotherColumnIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> new ListQuery("", "-description", 0, 50).apply(PAGE, ROWS))
        .isInstanceOf(PageException.class)
        .hasMessage(
            "Cannot sort page 'tickets' by 'description'; sort by one of its columns: key,"
                + " title, priority (prefix - for descending).");
  }

  @Test
  void limitAndOffsetAreChecked() {
    assertThatThrownBy(() -> new ListQuery("", "", 0, 0))
        .hasMessage("limit must be from 1 to 500, was 0.");
    assertThatThrownBy(() -> new ListQuery("", "", 0, 501))
        .hasMessage("limit must be from 1 to 500, was 501.");
    assertThatThrownBy(() -> new ListQuery("", "", -1, 10))
        .hasMessage("offset must be 0 or more, was -1.");
  }

  private static Row row(String key, String title, Long priority) {
    String payload =
        "{\"key\":\"%s\",\"title\":\"%s\",\"priority\":%s}"
            .formatted(key, title, priority == null ? "null" : priority);
    return new Row(
        key,
        JSON.readTree(payload),
        Map.of(
            "key",
            key,
            "title",
            title,
            "priority",
            priority == null ? NullValue.NULL_VALUE : priority));
  }
}
