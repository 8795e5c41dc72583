package dev.microworks.integration.internal.http;

/** A transient failure outlasted the {@link RetryPolicy}. */
public class RetryBudgetExhaustedException extends HttpEngineException {

  RetryBudgetExhaustedException(
      Target target, Integer status, String rawAnswer, String problem, Throwable cause) {
    super(target, status, rawAnswer, problem, cause);
  }
}
