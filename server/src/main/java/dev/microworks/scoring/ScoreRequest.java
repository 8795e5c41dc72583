package dev.microworks.scoring;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The features of one card for one user.
 *
 * @param user the user
 * @param microapp the microapp's id
 * @param rule the rule's id
 * @param priority the rule's priority: LOW, NORMAL or HIGH
 * @param dueAt the record's due date, if the rule names one
 * @param now when the card is scored
 * @param engagement what the user did with this microapp's cards lately
 */
public record ScoreRequest(
    UUID user,
    String microapp,
    String rule,
    String priority,
    Optional<Instant> dueAt,
    Instant now,
    Engagement engagement) {}
