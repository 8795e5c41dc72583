package dev.microworks.integration.internal.http;

/**
 * What one {@link HttpEngine#stream} call did.
 *
 * @param pages pages handed to the handler by this call
 * @param records records handed to the handler by this call
 * @param lastCheckpoint the checkpoint of the last page handled (the given resume checkpoint if no
 *     page was)
 */
public record StreamSummary(int pages, long records, String lastCheckpoint) {}
