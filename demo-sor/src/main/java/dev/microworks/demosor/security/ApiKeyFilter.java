package dev.microworks.demosor.security;

import dev.microworks.demosor.web.ApiError;
import dev.microworks.demosor.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests carrying {@code X-API-Key} as the service actor {@code service:api-key}
 * with every scope and {@code ROLE_API_KEY}. A wrong key is answered 401 at once; the key is
 * compared in constant time and never logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  /** The request header that carries the API key. */
  static final String HEADER = "X-API-Key";

  static final Actor ACTOR = new Actor("service:api-key", null);

  private final byte[] expectedDigest;

  ApiKeyFilter(String apiKey) {
    this.expectedDigest = digest(apiKey);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!MessageDigest.isEqual(expectedDigest, digest(presented))) {
      response.setHeader("WWW-Authenticate", "ApiKey realm=\"demo-sor\", error=\"invalid_key\"");
      ErrorResponses.write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          new ApiError("unauthorized", "the " + HEADER + " header does not hold a valid API key"));
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            ACTOR,
            null,
            AuthorityUtils.createAuthorityList(
                List.of("ROLE_API_KEY", "SCOPE_read", "SCOPE_write"))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
