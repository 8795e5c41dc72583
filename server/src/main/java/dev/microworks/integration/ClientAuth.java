package dev.microworks.integration;

/** How an OAuth 2.0 client authenticates to the token endpoint (RFC 6749 section 2.3.1). */
public enum ClientAuth {
  /** {@code Authorization: Basic base64(client_id:client_secret)}; Citrix AUTHORIZATION_HEADER. */
  BASIC_HEADER,
  /** {@code client_id} and {@code client_secret} as form parameters; Citrix REQUEST_BODY. */
  REQUEST_BODY
}
