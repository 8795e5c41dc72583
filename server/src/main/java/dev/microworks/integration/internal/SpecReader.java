package dev.microworks.integration.internal;

import dev.microworks.integration.CredentialSource;
import dev.microworks.integration.EndpointSpec;
import dev.microworks.integration.IntegrationReader;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.MappedPage;
import dev.microworks.integration.MappedRecord;
import dev.microworks.integration.MergeStrategy;
import dev.microworks.integration.PaginationSpec;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.SourceReadException;
import dev.microworks.integration.TableSpec;
import dev.microworks.integration.internal.http.HttpEngine;
import dev.microworks.integration.internal.http.ListingRequest;
import dev.microworks.integration.internal.http.Paginator;
import dev.microworks.integration.internal.http.Paginators;
import dev.microworks.integration.internal.http.RequestTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads tables through the HTTP engine; one engine per integration, rebuilt when its spec changes.
 */
@Component
class SpecReader implements IntegrationReader {

  private final EngineFactory engines;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(IntegrationSpec spec, HttpEngine engine) {}

  SpecReader(CredentialSource credentials, Optional<Clock> clock) {
    this.clock = clock.orElse(Clock.systemUTC());
    this.engines = new EngineFactory(credentials, this.clock);
  }

  @Override
  public ReadSummary read(
      IntegrationSpec spec,
      TableSpec table,
      Optional<Instant> lastSync,
      Optional<String> resumeCheckpoint,
      Consumer<MappedPage> pages) {
    EndpointSpec list =
        table
            .list()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "table " + table.name() + " has no list endpoint"));
    if (table.parentTable().isPresent()) {
      throw new SourceReadException(
          "table "
              + table.name()
              + " is listed once per row of "
              + table.parentTable().get()
              + "; syncs cannot read per-parent listings yet");
    }
    RequestSpec request =
        lastSync.isPresent()
            ? list.incremental()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "table " + table.name() + " has no incremental request"))
            : list.full();
    ZoneId zone = spec.schedules().zone();
    Map<String, String> parameters = new HashMap<>();
    lastSync.ifPresent(
        since ->
            parameters.put(
                table.incremental().orElseThrow().parameter(),
                table.incremental().orElseThrow().value(since, zone)));
    HttpEngine engine = engine(spec);
    RequestTemplate base = RequestBuilder.build(spec, request, parameters::get);
    ListingRequest listing =
        new ListingRequest(
            base, table.rootPath(), paginator(table.pagination()), table.pagination().maxPages());
    if (table.pagination() instanceof PaginationSpec.LinkHeaderPagination link
        && link.sizeParam().isPresent()) {
      listing =
          new ListingRequest(
              base.withQueryParam(link.sizeParam().get(), Integer.toString(link.pageSize())),
              table.rootPath(),
              listing.paginator(),
              listing.maxPages());
    }
    List<TableSpec> subLists =
        spec.tables().stream()
            .filter(t -> t.merge() == MergeStrategy.SUB_LIST)
            .filter(t -> t.parentTable().filter(table.name()::equals).isPresent())
            .toList();
    Map<String, RecordMapper> mappers = new LinkedHashMap<>();
    mappers.put(table.name(), new RecordMapper(table));
    subLists.forEach(sub -> mappers.put(sub.name(), new RecordMapper(sub)));
    Instant now = clock.instant();
    try {
      var summary =
          engine.stream(
              listing,
              resumeCheckpoint,
              page -> pages.accept(map(spec, engine, table, subLists, mappers, now, page)));
      return new ReadSummary(summary.pages(), summary.records());
    } catch (SourceReadException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e.getClass().getPackageName().startsWith("dev.microworks.integration")) {
        throw new SourceReadException(e.getMessage(), e);
      }
      throw e;
    }
  }

  private MappedPage map(
      IntegrationSpec spec,
      HttpEngine engine,
      TableSpec table,
      List<TableSpec> subLists,
      Map<String, RecordMapper> mappers,
      Instant now,
      dev.microworks.integration.internal.http.Page page) {
    Map<String, List<MappedRecord>> rows = new HashMap<>();
    rows.put(table.name(), new ArrayList<>());
    subLists.forEach(sub -> rows.put(sub.name(), new ArrayList<>()));
    long skipped = 0;
    for (JsonNode raw : page.records()) {
      JsonNode record =
          table.merge() == MergeStrategy.DETAIL ? detail(spec, engine, table, raw) : raw;
      ObjectNode columns = mappers.get(table.name()).columns(record, null);
      Optional<MappedRecord> mapped = mappers.get(table.name()).map(columns);
      if (mapped.isEmpty() || outsideWindow(table, mapped.get(), now)) {
        skipped++;
        continue;
      }
      rows.get(table.name()).add(mapped.get());
      for (TableSpec sub : subLists) {
        JsonNode children = RecordMapper.at(record, sub.subListPath().orElseThrow());
        if (children == null || !children.isArray()) {
          continue;
        }
        for (JsonNode child : children) {
          Optional<MappedRecord> row =
              mappers
                  .get(sub.name())
                  .map(mappers.get(sub.name()).columns(child, columns), mapped.get().key());
          if (row.isEmpty() || outsideWindow(sub, row.get(), now)) {
            skipped++;
          } else {
            rows.get(sub.name()).add(row.get());
          }
        }
      }
    }
    return new MappedPage(page.number(), rows, page.checkpoint(), skipped);
  }

  private static boolean outsideWindow(TableSpec table, MappedRecord record, Instant now) {
    return record.updatedAt() != null && record.updatedAt().isBefore(now.minus(table.syncWindow()));
  }

  private static JsonNode detail(
      IntegrationSpec spec, HttpEngine engine, TableSpec table, JsonNode listed) {
    RequestSpec request = table.detail().orElseThrow().full();
    ObjectNode columns = new RecordMapper(table).columns(listed, null);
    RequestTemplate template =
        RequestBuilder.build(
            spec,
            request,
            name -> {
              JsonNode value = columns.get(name);
              return value == null || value.isNull() ? null : value.asString();
            });
    JsonNode detail = engine.fetchOne(template);
    if (!detail.isObject() || !listed.isObject()) {
      return detail;
    }
    ObjectNode merged = ((ObjectNode) listed).deepCopy();
    merged.setAll((ObjectNode) detail);
    return merged;
  }

  private HttpEngine engine(IntegrationSpec spec) {
    return cache
        .compute(
            spec.id(),
            (id, cached) ->
                cached != null && cached.spec().equals(spec)
                    ? cached
                    : new Cached(spec, engines.engine(spec)))
        .engine();
  }

  private static Paginator paginator(PaginationSpec pagination) {
    if (pagination instanceof PaginationSpec.OffsetPagination offset) {
      return Paginators.offset(
          offset.offsetParam(), offset.limitParam(), offset.pageSize(), offset.totalPath());
    }
    if (pagination instanceof PaginationSpec.PagePagination page) {
      return Paginators.pageNumber(
          page.pageParam(), page.sizeParam(), page.pageSize(), page.firstPage());
    }
    if (pagination instanceof PaginationSpec.CursorPagination cursor) {
      return Paginators.cursor(
          cursor.cursorParam(), cursor.nextCursorPath(), cursor.limitParam(), cursor.pageSize());
    }
    if (pagination instanceof PaginationSpec.LinkHeaderPagination) {
      return Paginators.linkHeader();
    }
    if (pagination instanceof PaginationSpec.BodyLinkPagination link) {
      return Paginators.bodyLink(link.nextLinkPath());
    }
    if (pagination instanceof PaginationSpec.ODataPagination) {
      return Paginators.odata();
    }
    return Paginators.single();
  }
}
