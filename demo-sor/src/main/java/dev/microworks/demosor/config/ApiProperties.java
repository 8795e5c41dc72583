package dev.microworks.demosor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Paging limits of the reading API.
 *
 * @param defaultPageSize page size used when a request names none
 * @param maxPageSize largest page size a request may ask for; larger values are refused with 400
 */
@Validated
@ConfigurationProperties("demo-sor.api")
public record ApiProperties(
    @DefaultValue("50") @Positive int defaultPageSize,
    @DefaultValue("1000") @Positive @Max(100_000) int maxPageSize) {}
