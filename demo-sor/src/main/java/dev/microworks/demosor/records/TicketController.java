package dev.microworks.demosor.records;

import dev.microworks.demosor.security.Actor;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Writes on helpdesk tickets. Each one is recorded in the ticket's history with its actor. */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

  /**
   * Body of {@code POST /api/tickets}.
   *
   * @param title required, at most 200 characters
   * @param description optional, at most 10,000 characters
   * @param priority required: low, medium, high or critical
   * @param assigneeEmail required e-mail
   * @param dueDate optional ISO date
   * @param reporterEmail optional e-mail; defaults to the user's, or a helpdesk address
   */
  record NewTicket(
      String title,
      String description,
      String priority,
      String assigneeEmail,
      String dueDate,
      String reporterEmail) {}

  /**
   * Body of {@code POST /api/tickets/{key}/comments}.
   *
   * @param body required, at most 10,000 characters
   */
  record NewComment(String body) {}

  /**
   * Body of {@code POST /api/tickets/{key}/assign}.
   *
   * @param assigneeEmail required e-mail
   */
  record Assignment(String assigneeEmail) {}

  /**
   * Body of {@code POST /api/tickets/{key}/status}.
   *
   * @param status required: open, in_progress, resolved or closed
   */
  record StatusChange(String status) {}

  private final Records records;

  TicketController(Records records) {
    this.records = records;
  }

  @PostMapping
  ResponseEntity<RecordDetail> create(
      @RequestBody(required = false) NewTicket body, Authentication auth) {
    NewTicket t = body == null ? new NewTicket(null, null, null, null, null, null) : body;
    FieldChecks checks = new FieldChecks();
    String title = checks.text("title", t.title(), true, 200);
    String description = checks.text("description", t.description(), false, 10_000);
    Priority priority = checks.oneOf("priority", t.priority(), Priority::parse, Priority.allowed());
    String assignee = checks.email("assignee_email", t.assigneeEmail(), true);
    LocalDate due = checks.date("due_date", t.dueDate());
    String reporter = checks.email("reporter_email", t.reporterEmail(), false);
    checks.throwIfAny();
    RecordDetail created =
        records.createTicket(
            Actor.from(auth),
            title,
            description == null ? "" : description,
            priority,
            assignee,
            reporter,
            due);
    String key = ((Ticket.View) created.record()).key();
    URI location =
        ServletUriComponentsBuilder.fromCurrentRequestUri()
            .path("/{key}")
            .buildAndExpand(key)
            .toUri();
    return ResponseEntity.created(location).body(created);
  }

  @PostMapping("/{key}/comments")
  ResponseEntity<Comment> comment(
      @PathVariable String key,
      @RequestBody(required = false) NewComment body,
      Authentication auth) {
    FieldChecks checks = new FieldChecks();
    String text = checks.text("body", body == null ? null : body.body(), true, 10_000);
    checks.throwIfAny();
    Comment comment = records.comment(key, Actor.from(auth), text);
    return ResponseEntity.status(HttpStatus.CREATED).body(comment);
  }

  @PostMapping("/{key}/assign")
  RecordDetail assign(
      @PathVariable String key,
      @RequestBody(required = false) Assignment body,
      Authentication auth) {
    FieldChecks checks = new FieldChecks();
    String assignee =
        checks.email("assignee_email", body == null ? null : body.assigneeEmail(), true);
    checks.throwIfAny();
    return records.assign(key, Actor.from(auth), assignee);
  }

  @PostMapping("/{key}/status")
  RecordDetail status(
      @PathVariable String key,
      @RequestBody(required = false) StatusChange body,
      Authentication auth) {
    FieldChecks checks = new FieldChecks();
    TicketStatus status =
        checks.oneOf(
            "status",
            body == null ? null : body.status(),
            TicketStatus::parse,
            TicketStatus.allowed());
    checks.throwIfAny();
    return records.changeStatus(key, Actor.from(auth), status);
  }
}
