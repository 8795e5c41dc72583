package dev.microworks.demosor.records;

import dev.microworks.demosor.config.ApiProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The reading API: one collection listed in four pagination styles, plus a detail endpoint. Every
 * listing is ordered by record number ascending and accepts {@code updated_since} (records with
 * updated_at at or after it).
 */
@RestController
@RequestMapping("/api")
class ReadController {

  private final Records records;
  private final Cursors cursors;
  private final ApiProperties api;

  ReadController(Records records, Cursors cursors, ApiProperties api) {
    this.records = records;
    this.cursors = cursors;
    this.api = api;
  }

  @GetMapping("/offset/{collection}")
  Pages.OffsetPage offset(
      @PathVariable String collection,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit,
      @RequestParam(name = "updated_since", required = false) String updatedSince) {
    SorCollection c = SorCollection.fromPath(collection);
    int from = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    int size = pageSize("limit", limit);
    RecordStore.Slice slice = records.store(c).slice(from, size, QueryParams.since(updatedSince));
    return new Pages.OffsetPage(slice.total(), from, size, slice.items());
  }

  @GetMapping("/paged/{collection}")
  Pages.NumberedPage paged(
      @PathVariable String collection,
      @RequestParam(required = false) String page,
      @RequestParam(name = "per_page", required = false) String perPage,
      @RequestParam(name = "updated_since", required = false) String updatedSince) {
    SorCollection c = SorCollection.fromPath(collection);
    int number = QueryParams.intParam("page", page, 1, 1, Integer.MAX_VALUE);
    int size = pageSize("per_page", perPage);
    RecordStore.Slice slice = slice(c, number, size, QueryParams.since(updatedSince));
    int totalPages = (int) ((slice.total() + (long) size - 1) / size);
    return new Pages.NumberedPage(number, size, totalPages, slice.total(), slice.items());
  }

  @GetMapping("/cursor/{collection}")
  Pages.CursorPage cursor(
      @PathVariable String collection,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit,
      @RequestParam(name = "updated_since", required = false) String updatedSince) {
    SorCollection c = SorCollection.fromPath(collection);
    int size = pageSize("limit", limit);
    Instant since = QueryParams.since(updatedSince);
    int after = 0;
    if (cursor != null) {
      Cursors.Position position = cursors.decode(c, cursor);
      since = Cursors.filter(position, since);
      after = position.lastNumber();
    }
    RecordStore.Scan scan = records.store(c).scan(after, size, since);
    String next =
        scan.more() ? cursors.encode(c, new Cursors.Position(scan.lastNumber(), since)) : null;
    return new Pages.CursorPage(scan.items(), next);
  }

  @GetMapping("/link/{collection}")
  ResponseEntity<List<Object>> link(
      @PathVariable String collection,
      @RequestParam(required = false) String page,
      @RequestParam(name = "per_page", required = false) String perPage,
      @RequestParam(name = "updated_since", required = false) String updatedSince) {
    SorCollection c = SorCollection.fromPath(collection);
    int number = QueryParams.intParam("page", page, 1, 1, Integer.MAX_VALUE);
    int size = pageSize("per_page", perPage);
    RecordStore.Slice slice = slice(c, number, size, QueryParams.since(updatedSince));
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.ok().header("X-Total-Count", Integer.toString(slice.total()));
    if ((long) number * size < slice.total()) {
      String next =
          ServletUriComponentsBuilder.fromCurrentRequest()
              .replaceQueryParam("page", number + 1)
              .replaceQueryParam("per_page", size)
              .build()
              .toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(slice.items());
  }

  @GetMapping("/{collection}/{key}")
  RecordDetail detail(@PathVariable String collection, @PathVariable String key) {
    return records.detail(SorCollection.fromPath(collection), key);
  }

  private RecordStore.Slice slice(SorCollection c, int page, int size, Instant since) {
    long from = (long) (page - 1) * size;
    if (from > Integer.MAX_VALUE) {
      return new RecordStore.Slice(records.store(c).slice(0, 0, since).total(), List.of());
    }
    return records.store(c).slice((int) from, size, since);
  }

  private int pageSize(String name, String value) {
    return QueryParams.intParam(name, value, api.defaultPageSize(), 1, api.maxPageSize());
  }
}
