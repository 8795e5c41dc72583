package dev.microworks.identity.internal;

import dev.microworks.tenant.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}: a personal access token ({@code mwp_...}) as
 * its user, the bootstrap admin token ({@code mwb_...}) as the bootstrap admin user. No header: the
 * request goes on as it is (a session, or anonymous and then refused by authorisation). Any other
 * header, or a token that is unknown, revoked, expired or whose user is disabled: 401 at once, with
 * a fixed text. Not a bean, so it runs only in the API filter chain.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final AccessTokens accessTokens;
  private final BootstrapToken bootstrapToken;
  private final JdbcUsers users;
  private final SignIns signIns;
  private final UnauthorizedProblem problems;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  BearerTokenFilter(
      AccessTokens accessTokens,
      BootstrapToken bootstrapToken,
      JdbcUsers users,
      SignIns signIns,
      UnauthorizedProblem problems) {
    this.accessTokens = accessTokens;
    this.bootstrapToken = bootstrapToken;
    this.users = users;
    this.signIns = signIns;
    this.problems = problems;
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
    Optional<UserAuthentication> authentication =
        header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? authenticate(header.substring(BEARER.length()).strip())
            : Optional.empty();
    if (authentication.isEmpty()) {
      problems.invalidToken(response);
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(authentication.get());
    contexts.setContext(context);
    chain.doFilter(request, response);
  }

  private Optional<UserAuthentication> authenticate(String token) {
    if (token.startsWith(AccessTokens.PREFIX)) {
      return accessTokens
          .authenticate(token)
          .flatMap(users::account)
          .filter(Account::active)
          .map(account -> signIns.signIn(account, SignInMethod.ACCESS_TOKEN));
    }
    if (token.startsWith(BootstrapToken.PREFIX) && bootstrapToken.matches(token)) {
      return users
          .bootstrapAdmin(TenantId.DEFAULT)
          .filter(Account::active)
          .map(account -> signIns.signIn(account, SignInMethod.BOOTSTRAP_TOKEN));
    }
    return Optional.empty();
  }
}
