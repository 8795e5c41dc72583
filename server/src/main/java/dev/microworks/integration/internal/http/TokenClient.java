package dev.microworks.integration.internal.http;

import tools.jackson.databind.JsonNode;

/**
 * Lets an authenticator call a token endpoint through the engine: the same SSRF guard, TLS
 * settings, rate limit and retries, no authenticator, and failures scrubbed of {@code secrets}.
 */
public interface TokenClient {

  /** Sends {@code request} and returns its JSON answer; a non-2xx answer throws. */
  JsonNode requestToken(RequestTemplate request, SentSecrets secrets);
}
