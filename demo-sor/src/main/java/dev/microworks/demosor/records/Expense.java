package dev.microworks.demosor.records;

import java.math.BigDecimal;
import java.time.Instant;

/** An expense report's mutable state. */
final class Expense extends ApprovableEntity {

  /**
   * An expense report as returned by the list endpoints.
   *
   * @param key e.g. {@code EXP-9}
   * @param submitterEmail who asks to be reimbursed
   * @param approverEmail who decides
   * @param amount the amount as a decimal string with exactly two decimals, e.g. {@code "129.90"}
   * @param currency ISO 4217 code
   * @param status one of pending, approved, rejected
   * @param description what it was for
   * @param createdAt creation instant
   * @param updatedAt instant of the last write
   */
  record View(
      String key,
      String submitterEmail,
      String approverEmail,
      String amount,
      String currency,
      String status,
      String description,
      Instant createdAt,
      Instant updatedAt) {}

  long amountCents;
  private final String currency;
  private final String description;

  Expense(
      int number,
      long createdAt,
      String createdBy,
      String submitter,
      String approver,
      long amountCents,
      String currency,
      String description) {
    super(number, createdAt, createdBy, submitter, approver);
    this.amountCents = amountCents;
    this.currency = currency;
    this.description = description;
  }

  @Override
  View summary(SorCollection collection) {
    return new View(
        collection.key(number),
        requester,
        approver,
        BigDecimal.valueOf(amountCents, 2).toPlainString(),
        currency,
        status.json(),
        description,
        createdInstant(),
        updatedInstant());
  }

  @Override
  RecordDetail detail(SorCollection collection) {
    return new RecordDetail(summary(collection), null, history("submitted by " + requester));
  }
}
