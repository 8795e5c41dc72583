package dev.microworks.integration.internal.http;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link Paginator} sees of a page to decide on the next one.
 *
 * @param request the request that fetched this page (before authentication)
 * @param headers the response headers
 * @param body the whole parsed page
 * @param recordCount the number of records found at the listing's root path
 */
public record PageResponse(
    RequestTemplate request, HttpHeaders headers, JsonNode body, int recordCount) {}
