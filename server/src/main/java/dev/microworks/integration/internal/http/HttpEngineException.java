package dev.microworks.integration.internal.http;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Any failure of the HTTP engine. Carries the integration, the method and the URL (secret-looking
 * query values redacted), the HTTP status if there was one, and the system of record's answer
 * trimmed to 500 characters. Every credential value the engine sent with the request is scrubbed
 * from the message and the answer.
 */
public class HttpEngineException extends RuntimeException {

  private final String integrationId;
  private final String method;
  private final String url;
  private final Integer status;
  private final String answer;

  HttpEngineException(Target target, Integer status, String rawAnswer, String problem) {
    this(target, status, rawAnswer, problem, null);
  }

  HttpEngineException(
      Target target, Integer status, String rawAnswer, String problem, Throwable cause) {
    super(message(target, rawAnswer, problem), cause);
    this.integrationId = target.integrationId();
    this.method = target.method();
    this.url = target.redactedUrl();
    this.status = status;
    this.answer = rawAnswer == null ? null : Redaction.answer(rawAnswer, target.secrets());
  }

  private static String message(Target target, String rawAnswer, String problem) {
    String text =
        "integration '"
            + target.integrationId()
            + "': "
            + problem
            + (rawAnswer == null || rawAnswer.isBlank()
                ? ""
                : "; the system answered: " + Redaction.answer(rawAnswer, target.secrets()));
    return target.secrets().scrub(text);
  }

  public String integrationId() {
    return integrationId;
  }

  public String method() {
    return method;
  }

  /** The URL with secret-looking query values redacted. */
  public String url() {
    return url;
  }

  public OptionalInt status() {
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The system of record's answer, scrubbed and trimmed. */
  public Optional<String> answer() {
    return Optional.ofNullable(answer);
  }
}
