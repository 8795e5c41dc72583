package dev.microworks.integration.internal.http;

import java.net.URI;

/**
 * What a failure is about: which integration, which request (described for people, e.g. "page 3
 * of"), and which secrets were sent with it so they can be scrubbed.
 */
record Target(String integrationId, String label, String method, URI uri, SentSecrets secrets) {

  Target at(String newMethod, URI newUri) {
    return new Target(integrationId, label, newMethod, newUri, secrets);
  }

  Target with(SentSecrets more) {
    return new Target(integrationId, label, method, uri, secrets.and(more));
  }

  String redactedUrl() {
    return Redaction.url(uri, secrets.queryParamNames());
  }

  /** E.g. {@code page 3 of GET https://host/path?api_key=***}. */
  String describe() {
    return (label.isEmpty() ? "" : label + " ") + method + " " + redactedUrl();
  }
}
