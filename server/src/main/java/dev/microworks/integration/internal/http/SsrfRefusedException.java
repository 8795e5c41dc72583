package dev.microworks.integration.internal.http;

/**
 * The {@link SsrfGuard} refused a request (or a redirect hop) before any connection was made. Says
 * which host, which address and why, and how to allow it.
 */
public class SsrfRefusedException extends HttpEngineException {

  private final String host;

  SsrfRefusedException(Target target, String host, String why) {
    super(
        target,
        null,
        null,
        "refused "
            + target.describe()
            + ": "
            + why
            + ". If this integration really must reach it, add '"
            + host
            + "' to allowed-hosts in the integration spec");
    this.host = host;
  }

  public String host() {
    return host;
  }
}
