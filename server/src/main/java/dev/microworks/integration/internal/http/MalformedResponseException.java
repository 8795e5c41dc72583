package dev.microworks.integration.internal.http;

/** A response that cannot be used: malformed JSON, no records array at the root path, too big. */
public class MalformedResponseException extends HttpEngineException {

  MalformedResponseException(Target target, Integer status, String problem) {
    super(target, status, null, problem);
  }
}
