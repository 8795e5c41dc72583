package dev.microworks.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the bootstrap admin token. No header:
 * the request goes on anonymous (and is refused by authorisation). A wrong token: 401 at once. Not
 * a bean, so it runs only in the API filter chain.
 */
final class BootstrapTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final BootstrapToken tokens;
  private final UnauthorizedProblem unauthorized;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  BootstrapTokenFilter(BootstrapToken tokens, UnauthorizedProblem unauthorized) {
    this.tokens = tokens;
    this.unauthorized = unauthorized;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || !tokens.matches(header.substring(BEARER.length()).strip())) {
      unauthorized.invalidToken(response);
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            "bootstrap-admin",
            null,
            List.of(new SimpleGrantedAuthority("ROLE_" + ApiSecurityConfiguration.ADMIN))));
    contexts.setContext(context);
    chain.doFilter(request, response);
  }
}
