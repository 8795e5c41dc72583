package dev.microworks.sync.internal;

import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync now and the run history, under {@code /api/v1}. */
@PreAuthorize("hasRole('MICROAPP_ADMIN')")
@RestController
@RequestMapping("/api/v1")
class SyncController {

  private static final int MAX_RUNS = 200;

  private final Synchronizations synchronizations;

  SyncController(Synchronizations synchronizations) {
    this.synchronizations = synchronizations;
  }

  /** Queues a sync of the integration; 202 with the queued run. */
  @PostMapping("/integrations/{id}/sync")
  ResponseEntity<SyncRunView> syncNow(
      @PathVariable String id, @RequestParam(defaultValue = "full") String mode) {
    SyncRun run = synchronizations.syncNow(TenantId.DEFAULT, id, mode(mode));
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/runs/" + run.id()))
        .body(SyncRunView.of(run));
  }

  @GetMapping("/integrations/{id}/runs")
  List<SyncRunView> runs(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > MAX_RUNS) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_RUNS + ", was " + limit);
    }
    return synchronizations.runs(TenantId.DEFAULT, id, limit).stream()
        .map(SyncRunView::of)
        .toList();
  }

  @GetMapping("/runs/{runId}")
  SyncRunView run(@PathVariable UUID runId) {
    return synchronizations
        .run(TenantId.DEFAULT, runId)
        .map(SyncRunView::of)
        .orElseThrow(() -> new NoSuchElementException("no sync run " + runId));
  }

  private static SyncMode mode(String mode) {
    try {
      return SyncMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // not quoted: a parameter may hold anything, a pasted secret included
      throw new IllegalArgumentException("mode must be full or incremental");
    }
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  /** Without the value, which may be anything (Spring's own message quotes it). */
  @ExceptionHandler(TypeMismatchException.class)
  ProblemDetail wrongType(TypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "'"
                + e.getPropertyName()
                + "' is not a valid "
                + (type == null ? "value" : type.getSimpleName())
                + ".");
    problem.setTitle("Bad request");
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Bad request");
    return problem;
  }
}
