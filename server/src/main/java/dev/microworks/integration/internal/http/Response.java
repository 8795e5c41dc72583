package dev.microworks.integration.internal.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A received answer: status, headers, body (bounded), and the request (last hop) it answers. */
record Response(
    int status, HttpHeaders headers, byte[] body, RequestTemplate request, SentSecrets secrets) {

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
