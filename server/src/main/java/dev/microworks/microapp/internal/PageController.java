package dev.microworks.microapp.internal;

import dev.microworks.identity.CurrentUser;
import dev.microworks.microapp.internal.PageViews.AppView;
import dev.microworks.microapp.internal.PageViews.DetailView;
import dev.microworks.microapp.internal.PageViews.ListView;
import dev.microworks.microapp.internal.VisibleRecords.Row;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The microapps of the signed-in user: their list pages (search, sort, windows, CSV export) and
 * detail pages. A microapp the user does not subscribe to answers 404 like one that does not exist;
 * a record the per-user filter hides answers 404 like a key that does not exist.
 */
@PreAuthorize("hasRole('USER')")
@RestController
@RequestMapping(path = "/api/v1/apps")
@Tag(name = "Apps", description = "The microapps a user subscribes to: list and detail pages")
class PageController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final PageReader pages;

  PageController(PageReader pages) {
    this.pages = pages;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The microapps the user subscribes to, with their pages")
  List<AppView> apps() {
    return pages.apps(CurrentUser.require());
  }

  @GetMapping(path = "/{app}/pages/{page}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "A window of a list page",
      description =
          "The records the user may see (the table's per-user filter and the page's where),"
              + " matching q, sorted; total counts them all.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The window"),
        @ApiResponse(responseCode = "400", description = "Bad sort column, limit or offset"),
        @ApiResponse(responseCode = "404", description = "No such microapp or page")
      })
  ListView list(
      @PathVariable String app,
      @PathVariable String page,
      @Parameter(description = "Case-insensitive substring of the page's search columns")
          @RequestParam(required = false)
          String q,
      @Parameter(description = "column or -column (descending), one of the page's columns")
          @RequestParam(required = false)
          String sort,
      @RequestParam(defaultValue = "0") int offset,
      @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int limit) {
    return pages.list(CurrentUser.require(), app, page, new ListQuery(q, sort, offset, limit));
  }

  @GetMapping(path = "/{app}/pages/{page}/export")
  @Operation(
      summary = "A list page as CSV",
      description =
          "Every record of the list page the user may see, matching q, sorted; RFC 4180, UTF-8,"
              + " a header row of column names; cells that would start a formula begin with '.")
  ResponseEntity<byte[]> export(
      @PathVariable String app,
      @PathVariable String page,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort) {
    PageReader.Export export = pages.export(CurrentUser.require(), app, page, q, sort);
    Csv csv = new Csv().line(export.columns());
    for (Row row : export.rows()) {
      csv.line(export.columns().stream().map(row::text).toList());
    }
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(app + "-" + page + ".csv", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(
      path = "/{app}/pages/{page}/records/{key}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "A detail page of one record",
      description =
          "The record's fields, related records one relationship away (their table's filter"
              + " applies too) and the page's actions. A record the user may not see is not"
              + " found, like one that does not exist.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The record"),
        @ApiResponse(responseCode = "404", description = "No such microapp, page or record")
      })
  DetailView detail(@PathVariable String app, @PathVariable String page, @PathVariable String key) {
    return pages.detail(CurrentUser.require(), app, page, key);
  }

  @ExceptionHandler(PageException.class)
  ResponseEntity<ProblemDetail> problem(PageException e) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    detail.setType(e.type());
    detail.setTitle(e.status().getReasonPhrase());
    return ResponseEntity.status(e.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail);
  }
}
