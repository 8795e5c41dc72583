package dev.microworks.integration.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.microworks.cache.CachedRecord;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.StoredIntegration;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The JSON the integration API answers with (snake_case, timestamps as ISO-8601 instants). */
final class IntegrationViews {

  private IntegrationViews() {}

  /** A saved integration without its YAML. */
  record Summary(
      String id,
      String title,
      long revision,
      List<Table> tables,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("updated_at") Instant updatedAt) {

    static Summary of(StoredIntegration stored) {
      return new Summary(
          stored.id(),
          stored.spec().title(),
          stored.revision(),
          Table.of(stored.spec()),
          stored.createdAt(),
          stored.updatedAt());
    }
  }

  /** A saved integration with the YAML it was saved from. */
  record Detail(
      String id,
      String title,
      long revision,
      List<Table> tables,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("updated_at") Instant updatedAt,
      @Schema(description = "the spec as saved (YAML)") String spec) {

    static Detail of(StoredIntegration stored) {
      Summary summary = Summary.of(stored);
      return new Detail(
          summary.id(),
          summary.title(),
          summary.revision(),
          summary.tables(),
          summary.createdAt(),
          summary.updatedAt(),
          stored.yaml());
    }
  }

  /** One table of a spec: its name and how many columns it declares. */
  record Table(String name, int columns) {

    static List<Table> of(IntegrationSpec spec) {
      return spec.tables().stream()
          .map(table -> new Table(table.name(), table.columns().size()))
          .toList();
    }
  }

  /** The answer of the validate endpoint for a valid spec. */
  record Valid(boolean valid, String id, String title, List<Table> tables) {}

  /** One page of a cached table. */
  record RecordsPage(
      String integration, String table, long total, int page, int size, List<Record> records) {}

  /** One cached record; {@code data} is its payload, the declared columns as a JSON object. */
  record Record(
      String key,
      long version,
      @JsonProperty("sor_updated_at") Instant sorUpdatedAt,
      @JsonProperty("synced_at") Instant syncedAt,
      @JsonRawValue @Schema(type = "object", description = "the record's declared columns")
          String data) {

    static Record of(CachedRecord cached) {
      return new Record(
          cached.key(),
          cached.version(),
          cached.sorUpdatedAt(),
          cached.syncedAt(),
          cached.payload());
    }
  }
}
