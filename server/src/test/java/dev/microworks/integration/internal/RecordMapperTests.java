package dev.microworks.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.integration.MappedRecord;
import dev.microworks.integration.TableSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecordMapperTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String SPEC =
      """
      id: orders
      title: Orders
      connection:
        base-url: https://sor.example.com
      security:
        type: none
      tables:
        - name: orders
          root-path: items
          columns:
            - {name: id, type: string, primary-key: true}
            - {name: total, type: decimal}
            - {name: paid, type: boolean}
            - {name: changed, path: meta.changed, type: datetime}
            - {name: secret_note, type: string, ignored: true}
          list:
            full:
              uri: /orders
          updated-column: changed
        - name: lines
          merge: sub-list
          parent: orders
          sub-list-path: lines
          columns:
            - {name: line_no, type: integer, primary-key: true}
            - {name: sku, type: string}
      """;

  private final IntegrationSpec spec = IntegrationSpecs.parse(SPEC, "orders.yaml");
  private final TableSpec orders = spec.table("orders").orElseThrow();
  private final TableSpec lines = spec.table("lines").orElseThrow();

  @Test
  void onlyDeclaredColumnsAreKeptNormalisedToTheirTypes() {
    JsonNode record =
        JSON.readTree(
            "{\"id\":\"O-1\",\"total\":\"10.50\",\"paid\":\"true\",\"meta\":{\"changed\":"
                + "\"2026-11-01T10:00:00Z\"},\"secret_note\":\"x\",\"undeclared\":1}");
    RecordMapper mapper = new RecordMapper(orders);

    MappedRecord mapped = mapper.map(mapper.columns(record, null)).orElseThrow();

    assertThat(mapped.key()).isEqualTo("O-1");
    assertThat(mapped.payload())
        .isEqualTo(
            "{\"id\":\"O-1\",\"total\":10.50,\"paid\":true,\"changed\":\"2026-11-01T10:00:00Z\"}");
    assertThat(mapped.updatedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
  }

  @Test
  void subListRowsKeyedOnlyByTheirOwnNumberAreKeyedUnderTheirParent() {
    RecordMapper mapper = new RecordMapper(lines);
    ObjectNode line = (ObjectNode) JSON.readTree("{\"line_no\":1,\"sku\":\"A|B\"}");

    String first = mapper.map(mapper.columns(line, null), "O-1").orElseThrow().key();
    String second = mapper.map(mapper.columns(line, null), "O|2").orElseThrow().key();

    assertThat(first).isEqualTo("O-1|1");
    assertThat(second).isEqualTo("O\\|2|1").isNotEqualTo(first);
  }

  @Test
  void aRecordWithoutItsKeyIsLeftOut() {
    RecordMapper mapper = new RecordMapper(orders);

    assertThat(mapper.map(mapper.columns(JSON.readTree("{\"total\":1}"), null))).isEmpty();
  }

  @Test
  void nulCharactersAreDroppedFromText() {
    RecordMapper mapper = new RecordMapper(orders);
    JsonNode record = JSON.readTree("{\"id\":\"O-\\u00001\"}");

    assertThat(mapper.map(mapper.columns(record, null)).orElseThrow().key()).isEqualTo("O-1");
  }
}
