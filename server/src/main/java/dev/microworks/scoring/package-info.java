/**
 * Relevance scoring of notification cards, and the interactions it learns from (opened, acted,
 * dismissed), kept 13 months.
 *
 * <p>Guarantees: a {@link dev.microworks.scoring.Score} always says why (its top factors, with
 * their contributions); the {@link dev.microworks.scoring.Scorer} sees features only, never record
 * content, so a learned ranker can replace the first one without touching its callers.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Scoring",
    allowedDependencies = {"tenant"})
package dev.microworks.scoring;
