package dev.microworks.demosor.records;

import java.time.Instant;

/**
 * One write to a record.
 *
 * @param at when it happened
 * @param actor who did it: a username or {@code service:<name>}
 * @param action what kind of write, e.g. {@code created}, {@code commented}, {@code approved}
 * @param detail a human-readable description
 */
public record HistoryEntry(Instant at, String actor, String action, String detail) {}
