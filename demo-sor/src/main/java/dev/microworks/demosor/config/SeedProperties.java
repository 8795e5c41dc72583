package dev.microworks.demosor.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the demo SoR seeds its in-memory data at start. The same seed and counts always produce the
 * same records (relative to the clock's "now"); the data is rebuilt at every start.
 *
 * @param randomSeed seed of the {@link java.util.Random} behind seeding and the generator
 * @param tickets number of helpdesk tickets created at start
 * @param ptoRequests number of PTO requests created at start
 * @param expenses number of expense reports created at start
 * @param spread how far before "now" seeded and generated records are created and updated
 */
@Validated
@ConfigurationProperties("demo-sor.seed")
public record SeedProperties(
    @DefaultValue("42") long randomSeed,
    @DefaultValue("120") @PositiveOrZero int tickets,
    @DefaultValue("40") @PositiveOrZero int ptoRequests,
    @DefaultValue("40") @PositiveOrZero int expenses,
    @DefaultValue("60d") @NotNull Duration spread) {}
