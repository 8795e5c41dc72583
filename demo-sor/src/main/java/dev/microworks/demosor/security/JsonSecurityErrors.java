package dev.microworks.demosor.security;

import dev.microworks.demosor.web.ApiError;
import dev.microworks.demosor.web.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers of the API: the standard {@code WWW-Authenticate} header of RFC 6750 plus a
 * JSON {@link ApiError} body saying what is missing.
 */
final class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    bearer.commence(request, response, e);
    String message =
        request.getHeader("Authorization") == null
            ? "authentication required: send 'Authorization: Bearer <access token>' or '"
                + ApiKeyFilter.HEADER
                + ": <key>'"
            : "invalid bearer token: " + e.getMessage();
    ErrorResponses.write(
        response, HttpServletResponse.SC_UNAUTHORIZED, new ApiError("unauthorized", message));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    denied.handle(request, response, e);
    String message =
        request.getRequestURI().startsWith(request.getContextPath() + "/admin")
            ? "the admin API needs the " + ApiKeyFilter.HEADER + " header"
            : "GET needs scope 'read', writes need scope 'write'";
    ErrorResponses.write(
        response, HttpServletResponse.SC_FORBIDDEN, new ApiError("forbidden", message));
  }
}
