package dev.microworks.identity.internal;

import dev.microworks.identity.UserStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-checks a session's user on every request, in one query: a user who was disabled, deleted, or
 * whose password was changed or reset elsewhere (the session epoch moved on) loses the session at
 * once, on whichever node the request lands; the request goes on anonymous. Changed roles take
 * effect on the next request. Runs right after the security context is loaded, so what follows
 * (CSRF, authorisation) sees the outcome. Not a bean, so it runs only in the chains it is added to.
 */
final class SessionCheckFilter extends OncePerRequestFilter {

  private final Accounts accounts;
  private final IdentityAudit audit;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  SessionCheckFilter(Accounts accounts, IdentityAudit audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication current = contexts.getContext().getAuthentication();
    if (current instanceof UserAuthentication user && user.method().session()) {
      Optional<Accounts.SessionState> state = accounts.sessionState(user.user().id());
      String ended = endReason(user, state);
      if (ended != null) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        contexts.clearContext();
        audit.ok(
            user.user().tenant(),
            IdentityAudit.SYSTEM,
            "session.ended",
            user.getName(),
            "reason",
            ended);
      } else if (!state.get().roles().equals(user.roles())) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
            user.with(user.stage(), state.get().roles(), user.sessionEpoch()));
        contexts.setContext(context);
        sessions.saveContext(context, request, response);
      }
    }
    chain.doFilter(request, response);
  }

  private static String endReason(UserAuthentication user, Optional<Accounts.SessionState> state) {
    if (state.isEmpty()) {
      return "user_deleted";
    }
    if (state.get().status() == UserStatus.DISABLED) {
      return "user_disabled";
    }
    if (state.get().sessionEpoch() != user.sessionEpoch()) {
      return "password_changed";
    }
    return null;
  }
}
