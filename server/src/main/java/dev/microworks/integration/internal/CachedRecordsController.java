package dev.microworks.integration.internal;

import dev.microworks.cache.DataCache;
import dev.microworks.cache.TableRef;
import dev.microworks.integration.ColumnSpec;
import dev.microworks.integration.Integrations;
import dev.microworks.integration.StoredIntegration;
import dev.microworks.tenant.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Browsing the cached records of an integration's tables (the data cache explorer's API). */
@PreAuthorize("hasRole('MICROAPP_ADMIN')")
@RestController
@Tag(name = "Cached records", description = "Read the records the data cache holds")
class CachedRecordsController {

  static final int MAX_PAGE_SIZE = 500;

  private final Integrations integrations;
  private final DataCache cache;

  CachedRecordsController(Integrations integrations, DataCache cache) {
    this.integrations = integrations;
    this.cache = cache;
  }

  @GetMapping(
      path = IntegrationController.PATH + "/{id}/tables/{table}/records",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "One page of a table's cached records, ordered by key",
      description =
          "With column and value: the records whose lookup column (lookup: true in the spec) had"
              + " that value, found by its blind index (trimmed, case-insensitive); at most size.")
  IntegrationViews.RecordsPage records(
      @PathVariable String id,
      @PathVariable String table,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String column,
      @RequestParam(required = false) String value) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size + ".");
    }
    long offset = (long) page * size;
    if (page < 0 || offset > Integer.MAX_VALUE) {
      throw badRequest("page must be between 0 and " + Integer.MAX_VALUE / size + ".");
    }
    StoredIntegration integration =
        integrations
            .find(TenantId.DEFAULT, id)
            .orElseThrow(() -> IntegrationController.notFound(id));
    if (integration.spec().table(table).isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "Integration '"
              + id
              + "' has no table '"
              + table
              + "'; its tables are "
              + String.join(
                  ", ",
                  IntegrationViews.Table.of(integration.spec()).stream()
                      .map(IntegrationViews.Table::name)
                      .toList())
              + ".");
    }
    TableRef ref = new TableRef(TenantId.DEFAULT, id, table);
    if (column != null || value != null) {
      return lookup(integration, ref, column, value, size);
    }
    return new IntegrationViews.RecordsPage(
        id,
        table,
        cache.count(ref),
        page,
        size,
        cache.browse(ref, (int) offset, size).stream().map(IntegrationViews.Record::of).toList());
  }

  private IntegrationViews.RecordsPage lookup(
      StoredIntegration integration, TableRef ref, String column, String value, int size) {
    List<String> lookups =
        integration.spec().table(ref.table()).orElseThrow().storedColumns().stream()
            .filter(ColumnSpec::lookup)
            .map(ColumnSpec::name)
            .toList();
    if (column == null || value == null || !lookups.contains(column)) {
      throw badRequest(
          lookups.isEmpty()
              ? "Table '" + ref.table() + "' has no lookup columns (lookup: true in the spec)."
              : "Give both column and value; column must be one of the table's lookup columns "
                  + lookups
                  + ".");
    }
    List<IntegrationViews.Record> records =
        cache.lookup(ref, column, value, size).stream().map(IntegrationViews.Record::of).toList();
    return new IntegrationViews.RecordsPage(
        ref.integration(), ref.table(), records.size(), 0, size, records);
  }

  private static ResponseStatusException badRequest(String detail) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
  }
}
