package dev.microworks.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's 401 and 403 as problem JSON (RFC 9457) with {@code WWW-Authenticate: Bearer} (RFC
 * 6750). Every text is fixed: nothing from the request, least of all the presented token.
 */
final class UnauthorizedProblem implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String MISSING =
      "This API needs authentication: send 'Authorization: Bearer mwp_...' with a personal access"
          + " token, or 'Authorization: Bearer mwb_...' with the bootstrap admin token (shown once,"
          + " at the server's first start), or the session cookie of a sign-in at /login.";
  static final String INVALID =
      "The bearer token is not valid: unknown, revoked or expired, its user is disabled, or it is"
          + " not the current bootstrap admin token (it may have been rotated).";
  static final String NOT_API = "This path is not part of the API.";
  static final String ROLE = "Your roles do not allow this request.";
  static final String CSRF =
      "A request that changes something with a session cookie needs the session's CSRF token in"
          + " the X-CSRF-TOKEN header (or use a bearer token instead of the cookie).";
  static final String PASSWORD_CHANGE =
      "Set a new password first: POST /api/v1/me/password, or the page /account/password.";
  static final String SECOND_FACTOR =
      "Finish signing in first: the second factor is still due at /login/totp.";

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException cause)
      throws IOException {
    write(response, 401, "Unauthorized", MISSING, "Bearer realm=\"microworks\"");
  }

  void invalidToken(HttpServletResponse response) throws IOException {
    write(
        response,
        401,
        "Unauthorized",
        INVALID,
        "Bearer realm=\"microworks\", error=\"invalid_token\"");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    String detail;
    if (denied instanceof CsrfException) {
      detail = CSRF;
    } else if (DeclaredAccess.deniedForLackOfHandler(request)) {
      detail = NOT_API;
    } else {
      detail = ROLE;
    }
    forbidden(response, detail);
  }

  void forbidden(HttpServletResponse response, String detail) throws IOException {
    write(response, 403, "Forbidden", detail, null);
  }

  private static void write(
      HttpServletResponse response, int status, String title, String detail, String challenge)
      throws IOException {
    response.setStatus(status);
    if (challenge != null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // fixed texts without quotes or backslashes: safe to place in JSON as they are
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
