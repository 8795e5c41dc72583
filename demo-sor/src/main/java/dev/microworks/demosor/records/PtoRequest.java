package dev.microworks.demosor.records;

import java.time.Instant;
import java.time.LocalDate;

/** A PTO request's mutable state. */
final class PtoRequest extends ApprovableEntity {

  /**
   * A PTO request as returned by the list endpoints.
   *
   * @param key e.g. {@code PTO-3}
   * @param requesterEmail who asks for time off
   * @param approverEmail who decides
   * @param fromDate first day off
   * @param toDate last day off (inclusive)
   * @param status one of pending, approved, rejected
   * @param createdAt creation instant
   * @param updatedAt instant of the last write
   */
  record View(
      String key,
      String requesterEmail,
      String approverEmail,
      LocalDate fromDate,
      LocalDate toDate,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  private final int fromEpochDay;
  int toEpochDay;

  PtoRequest(
      int number,
      long createdAt,
      String createdBy,
      String requester,
      String approver,
      LocalDate from,
      LocalDate to) {
    super(number, createdAt, createdBy, requester, approver);
    this.fromEpochDay = (int) from.toEpochDay();
    this.toEpochDay = (int) to.toEpochDay();
  }

  @Override
  View summary(SorCollection collection) {
    return new View(
        collection.key(number),
        requester,
        approver,
        LocalDate.ofEpochDay(fromEpochDay),
        LocalDate.ofEpochDay(toEpochDay),
        status.json(),
        createdInstant(),
        updatedInstant());
  }

  @Override
  RecordDetail detail(SorCollection collection) {
    return new RecordDetail(summary(collection), null, history("requested by " + requester));
  }
}
