package dev.microworks.integration.internal.http;

/** Credentials could not be obtained or were not accepted (after one refresh, for OAuth 2.0). */
public class AuthenticationException extends HttpEngineException {

  AuthenticationException(Target target, Integer status, String rawAnswer, String problem) {
    super(target, status, rawAnswer, problem);
  }
}
