package dev.microworks.integration.internal.http;

/**
 * The request could not be completed and retrying would not help: TLS failure, unknown host, too
 * many redirects, interrupted.
 */
public class TransportException extends HttpEngineException {

  TransportException(Target target, String problem, Throwable cause) {
    super(target, null, null, problem, cause);
  }
}
