package dev.microworks.integration;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request template. {@code uri}, query and header values and the body may contain {@code
 * {name}} parameters: {@code {parent.<column>}} (tables with a parent), {@code {<column>}} (DETAIL
 * requests) and the table's last-sync parameter, e.g. {@code {lastSync}} (incremental requests).
 *
 * @param method upper-case HTTP method
 * @param uri template relative to the base URL (or absolute)
 * @param query query parameters, in order
 * @param headers extra headers, in order; never credentials
 * @param postMode body encoding; {@link PostMode#NONE} when there is no body
 * @param body body template
 */
public record RequestSpec(
    String method,
    String uri,
    Map<String, String> query,
    Map<String, String> headers,
    PostMode postMode,
    Optional<String> body) {

  public RequestSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    Objects.requireNonNull(postMode, "postMode");
    Objects.requireNonNull(body, "body");
  }
}
