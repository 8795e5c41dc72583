package dev.microworks.demosor.records;

import dev.microworks.demosor.security.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approving and rejecting PTO requests and expense reports: only while pending (else 409); a user
 * only if they are the record's approver (else 403); a service account always.
 */
@RestController
class DecisionController {

  /**
   * Optional body of approve and reject.
   *
   * @param comment a note recorded in history
   */
  record DecisionNote(String comment) {}

  private final Records records;

  DecisionController(Records records) {
    this.records = records;
  }

  @PostMapping("/api/{collection:pto-requests|expenses}/{key}/approve")
  RecordDetail approve(
      @PathVariable String collection,
      @PathVariable String key,
      @RequestBody(required = false) DecisionNote note,
      Authentication auth) {
    return decide(collection, key, true, note, auth);
  }

  @PostMapping("/api/{collection:pto-requests|expenses}/{key}/reject")
  RecordDetail reject(
      @PathVariable String collection,
      @PathVariable String key,
      @RequestBody(required = false) DecisionNote note,
      Authentication auth) {
    return decide(collection, key, false, note, auth);
  }

  private RecordDetail decide(
      String collection, String key, boolean approve, DecisionNote note, Authentication auth) {
    FieldChecks checks = new FieldChecks();
    String comment = checks.text("comment", note == null ? null : note.comment(), false, 2_000);
    checks.throwIfAny();
    return records.decide(
        SorCollection.fromPath(collection), key, Actor.from(auth), approve, comment);
  }
}
