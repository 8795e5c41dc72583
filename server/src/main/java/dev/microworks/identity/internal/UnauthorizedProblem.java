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

/**
 * The API's 401 and 403 as problem JSON (RFC 9457) with {@code WWW-Authenticate: Bearer} (RFC
 * 6750). Every text is fixed: nothing from the request, least of all the presented token.
 */
final class UnauthorizedProblem implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final String MISSING =
      "This API needs the bootstrap admin token: send 'Authorization: Bearer mwb_...'. It was"
          + " shown once, at the server's first start (or written to"
          + " microworks.identity.bootstrap.token-file).";
  private static final String INVALID =
      "The bearer token is not the current bootstrap admin token (it may have been rotated).";

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
    write(response, 403, "Forbidden", "This path is not part of the API.", null);
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
