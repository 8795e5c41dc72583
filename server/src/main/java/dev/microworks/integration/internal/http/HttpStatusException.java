package dev.microworks.integration.internal.http;

/** The system of record answered with a status that is neither success nor worth retrying. */
public class HttpStatusException extends HttpEngineException {

  HttpStatusException(Target target, int status, String rawAnswer, String hint) {
    super(
        target,
        status,
        rawAnswer,
        target.describe()
            + " failed with HTTP "
            + status
            + (hint.isEmpty() ? "" : " (" + hint + ")"));
  }
}
