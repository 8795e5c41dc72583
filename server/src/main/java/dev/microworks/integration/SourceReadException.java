package dev.microworks.integration;

/**
 * A system of record could not be read: refused by the SSRF guard, an HTTP error after retries, a
 * malformed answer, a missing credential, a page limit. The message names the request (method, URL
 * with secret-looking values redacted) and what went wrong, and never contains a credential.
 */
public class SourceReadException extends RuntimeException {

  public SourceReadException(String message, Throwable cause) {
    super(message, cause);
  }

  public SourceReadException(String message) {
    super(message);
  }
}
