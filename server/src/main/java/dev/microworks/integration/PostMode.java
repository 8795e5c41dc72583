package dev.microworks.integration;

/** How a request body is encoded. */
public enum PostMode {
  /** No body. */
  NONE,
  /** {@code application/json}. */
  JSON,
  /** {@code multipart/form-data} (Citrix FORMDATA). */
  FORM_DATA,
  /** {@code application/x-www-form-urlencoded}. */
  URL_ENCODED
}
