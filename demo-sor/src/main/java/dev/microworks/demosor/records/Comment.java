package dev.microworks.demosor.records;

import java.time.Instant;

/**
 * A comment on a ticket.
 *
 * @param id number of the comment, unique within its ticket, starting at 1
 * @param author the e-mail of the commenting user, or the service actor name
 * @param body the text
 * @param createdAt when it was written
 */
public record Comment(int id, String author, String body, Instant createdAt) {}
