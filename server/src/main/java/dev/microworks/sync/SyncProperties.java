package dev.microworks.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Synchronisation settings under {@code microworks.sync}.
 *
 * @param schedulesEnabled run each integration's full and incremental schedules (an integration's
 *     first full sync starts when it is created); when off, syncs run only on demand
 */
@ConfigurationProperties("microworks.sync")
@Validated
public record SyncProperties(@DefaultValue("true") boolean schedulesEnabled) {}
