package dev.microworks.integration.internal.http;

import java.util.Objects;

/**
 * A request with credentials added, the credential values it carries (for scrubbing), and an opaque
 * stamp identifying the credential used (e.g. which access token), so a 401 can invalidate exactly
 * that one. {@link #toString()} never prints a value.
 */
public final class Authenticated {

  private final RequestTemplate request;
  private final SentSecrets secrets;
  private final Object stamp;

  public Authenticated(RequestTemplate request, SentSecrets secrets, Object stamp) {
    this.request = Objects.requireNonNull(request, "request");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.stamp = stamp;
  }

  /** The request unchanged: no credentials. */
  public static Authenticated anonymous(RequestTemplate request) {
    return new Authenticated(request, SentSecrets.none(), null);
  }

  public RequestTemplate request() {
    return request;
  }

  public SentSecrets secrets() {
    return secrets;
  }

  public Object stamp() {
    return stamp;
  }

  @Override
  public String toString() {
    return "Authenticated[" + request + "]";
  }
}
