package dev.microworks.demosor.records;

/** A record that its approver approves or rejects while it is pending. */
abstract class ApprovableEntity extends SorEntity {

  final String requester;
  final String approver;
  Decision status = Decision.PENDING;

  ApprovableEntity(
      int number, long createdAt, String createdBy, String requester, String approver) {
    super(number, createdAt, createdBy);
    this.requester = requester;
    this.approver = approver;
  }
}
