package dev.microworks.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the request being handled, from Spring Security's context. */
public final class CurrentUser {

  private CurrentUser() {}

  /** The signed-in user, or empty when the request is anonymous. */
  public static Optional<SignedInUser> get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
        ? Optional.of(user)
        : Optional.empty();
  }

  /**
   * The signed-in user.
   *
   * @throws IllegalStateException when the request is anonymous (a handler that calls this must
   *     declare a role)
   */
  public static SignedInUser require() {
    return get()
        .orElseThrow(
            () -> new IllegalStateException("no signed-in user: the handler must declare a role"));
  }
}
