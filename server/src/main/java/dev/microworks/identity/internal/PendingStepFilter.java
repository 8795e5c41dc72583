package dev.microworks.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a sign-in that is not complete (second factor due, password to change) to its one step:
 * pages redirect to the step's page, the API answers 403 saying what is due. The step's own page,
 * the sign-in page and sign-out stay reachable; so does {@code POST /api/v1/me/password} while a
 * password change is due. A pending sign-in has no roles either, so this is the friendly half of
 * the rule; authorisation would refuse anyway.
 */
final class PendingStepFilter extends OncePerRequestFilter {

  static final String API_PASSWORD = "/api/v1/me/password";

  private final boolean api;
  private final UnauthorizedProblem problems;

  private PendingStepFilter(boolean api, UnauthorizedProblem problems) {
    this.api = api;
    this.problems = problems;
  }

  static PendingStepFilter forApi(UnauthorizedProblem problems) {
    return new PendingStepFilter(true, problems);
  }

  static PendingStepFilter forPages() {
    return new PendingStepFilter(false, null);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!(SecurityContextHolder.getContext().getAuthentication() instanceof UserAuthentication user)
        || user.stage() == Stage.COMPLETE) {
      chain.doFilter(request, response);
      return;
    }
    Stage stage = user.stage();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (api) {
      if (stage == Stage.PASSWORD_CHANGE && path.equals(API_PASSWORD)) {
        chain.doFilter(request, response);
      } else {
        problems.forbidden(
            response,
            stage == Stage.PASSWORD_CHANGE
                ? UnauthorizedProblem.PASSWORD_CHANGE
                : UnauthorizedProblem.SECOND_FACTOR);
      }
      return;
    }
    if (path.equals(stage.page()) || path.equals("/login") || path.equals("/logout")) {
      chain.doFilter(request, response);
    } else {
      response.sendRedirect(request.getContextPath() + stage.page());
    }
  }
}
