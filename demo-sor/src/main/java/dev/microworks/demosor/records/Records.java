package dev.microworks.demosor.records;

import dev.microworks.demosor.security.Actor;
import dev.microworks.demosor.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * The three collections and the writes the API offers on them. Every write bumps updated_at to the
 * injected clock's now (to the millisecond) and appends a history entry naming the actor.
 */
@Component
class Records {

  /** Reporter of tickets that a service account creates without naming one. */
  static final String SERVICE_REPORTER = "helpdesk@demo.microworks.dev";

  final RecordStore<Ticket> tickets = new RecordStore<>(SorCollection.TICKETS);
  final RecordStore<PtoRequest> ptoRequests = new RecordStore<>(SorCollection.PTO_REQUESTS);
  final RecordStore<Expense> expenses = new RecordStore<>(SorCollection.EXPENSES);
  private final Clock clock;

  Records(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  RecordStore<? extends SorEntity> store(SorCollection collection) {
    return switch (collection) {
      case TICKETS -> tickets;
      case PTO_REQUESTS -> ptoRequests;
      case EXPENSES -> expenses;
    };
  }

  RecordDetail detail(SorCollection collection, String key) {
    return store(collection).read(key, e -> e.detail(collection));
  }

  /** Creates a ticket; the fields are already validated. Returns its detail view. */
  RecordDetail createTicket(
      Actor actor,
      String title,
      String description,
      Priority priority,
      String assignee,
      String reporter,
      LocalDate due) {
    Instant now = now();
    String reportedBy =
        reporter != null ? reporter : actor.isService() ? SERVICE_REPORTER : actor.email();
    int number =
        tickets.addAll(
            1,
            n ->
                new Ticket(
                    n,
                    now.toEpochMilli(),
                    actor.name(),
                    title,
                    description,
                    priority,
                    assignee,
                    reportedBy,
                    due));
    return detail(SorCollection.TICKETS, SorCollection.TICKETS.key(number));
  }

  Comment comment(String key, Actor actor, String body) {
    return tickets.write(
        key,
        t -> {
          Instant now = now();
          Comment comment =
              t.addComment(now, actor.isService() ? actor.name() : actor.email(), body);
          t.record(now, actor.name(), "commented", "comment " + comment.id());
          return comment;
        });
  }

  RecordDetail assign(String key, Actor actor, String assignee) {
    return tickets.write(
        key,
        t -> {
          String before = t.assignee;
          t.assignee = assignee;
          t.record(now(), actor.name(), "assigned", before + " -> " + assignee);
          return t.detail(SorCollection.TICKETS);
        });
  }

  RecordDetail changeStatus(String key, Actor actor, TicketStatus status) {
    return tickets.write(
        key,
        t -> {
          TicketStatus before = t.status;
          t.status = status;
          t.record(now(), actor.name(), "status_changed", before.json() + " -> " + status.json());
          return t.detail(SorCollection.TICKETS);
        });
  }

  /**
   * Approves or rejects a pending PTO request or expense report.
   *
   * @throws ApiException 403 if a user who is not the approver decides, 409 if not pending
   */
  RecordDetail decide(
      SorCollection collection, String key, Actor actor, boolean approve, String comment) {
    if (collection == SorCollection.TICKETS) {
      throw ApiException.notFound("tickets are not approved or rejected; use /status");
    }
    @SuppressWarnings("unchecked")
    RecordStore<ApprovableEntity> store = (RecordStore<ApprovableEntity>) store(collection);
    String verb = approve ? "approve" : "reject";
    return store.write(
        key,
        e -> {
          if (!actor.isService() && !actor.email().equals(e.approver)) {
            throw ApiException.forbidden(
                "only the approver ("
                    + e.approver
                    + ") or a service account may "
                    + verb
                    + " "
                    + key
                    + "; you are "
                    + actor.email());
          }
          if (e.status != Decision.PENDING) {
            throw ApiException.conflict(
                key
                    + " is already "
                    + e.status.json()
                    + "; only pending records can be "
                    + verb
                    + "d");
          }
          e.status = approve ? Decision.APPROVED : Decision.REJECTED;
          String detail =
              comment == null || comment.isBlank()
                  ? e.status.json()
                  : e.status.json() + ": " + comment;
          e.record(now(), actor.name(), e.status.json(), detail);
          return e.detail(collection);
        });
  }
}
