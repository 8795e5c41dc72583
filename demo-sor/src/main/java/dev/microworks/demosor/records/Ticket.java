package dev.microworks.demosor.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A helpdesk ticket's mutable state. */
final class Ticket extends SorEntity {

  /**
   * A ticket as returned by the list endpoints.
   *
   * @param key e.g. {@code HD-12}
   * @param title one-line summary
   * @param description longer text
   * @param status one of open, in_progress, resolved, closed
   * @param priority one of low, medium, high, critical
   * @param assigneeEmail who works on it
   * @param reporterEmail who reported it
   * @param createdAt creation instant
   * @param updatedAt instant of the last write
   * @param dueDate the date it is due, may be null
   * @param commentCount number of comments
   * @param comments the comments, oldest first (listed inline, as Jira lists {@code
   *     fields.comment})
   */
  record View(
      String key,
      String title,
      String description,
      String status,
      String priority,
      String assigneeEmail,
      String reporterEmail,
      Instant createdAt,
      Instant updatedAt,
      LocalDate dueDate,
      int commentCount,
      List<Comment> comments) {}

  final String title;
  final String description;
  final String reporter;
  TicketStatus status;
  Priority priority;
  String assignee;
  private final int dueEpochDay;
  private ArrayList<Comment> comments;

  Ticket(
      int number,
      long createdAt,
      String createdBy,
      String title,
      String description,
      Priority priority,
      String assignee,
      String reporter,
      LocalDate dueDate) {
    super(number, createdAt, createdBy);
    this.title = title;
    this.description = description;
    this.status = TicketStatus.OPEN;
    this.priority = priority;
    this.assignee = assignee;
    this.reporter = reporter;
    this.dueEpochDay = dueDate == null ? Integer.MIN_VALUE : (int) dueDate.toEpochDay();
  }

  Comment addComment(Instant at, String author, String body) {
    if (comments == null) {
      comments = new ArrayList<>(2);
    }
    Comment comment = new Comment(comments.size() + 1, author, body, at);
    comments.add(comment);
    return comment;
  }

  @Override
  View summary(SorCollection collection) {
    return new View(
        collection.key(number),
        title,
        description,
        status.json(),
        priority.json(),
        assignee,
        reporter,
        createdInstant(),
        updatedInstant(),
        dueEpochDay == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(dueEpochDay),
        comments == null ? 0 : comments.size(),
        comments == null ? List.of() : List.copyOf(comments));
  }

  @Override
  RecordDetail detail(SorCollection collection) {
    // the comments come with the summary
    return new RecordDetail(summary(collection), null, history("reported by " + reporter));
  }
}
