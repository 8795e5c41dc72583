package dev.microworks.demosor.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who performs a request, as recorded in history: a user's username (e.g. {@code alice}) with the
 * user's e-mail, or a service name ({@code service:<client-id>}, {@code service:api-key}) without
 * one.
 *
 * @param name the name written to history
 * @param email the user's e-mail, {@code null} for service accounts
 */
public record Actor(String name, String email) {

  /** Attribute of an introspected token that holds the actor name. */
  static final String ACTOR_ATTRIBUTE = "actor";

  /** Attribute of an introspected token that holds the user's e-mail. */
  static final String EMAIL_ATTRIBUTE = "email";

  /** Whether this is a service account (client credentials or API key) rather than a user. */
  public boolean isService() {
    return email == null;
  }

  /**
   * The actor behind an authenticated request.
   *
   * @throws IllegalStateException if the authentication was not made by the demo SoR's security
   */
  public static Actor from(Authentication authentication) {
    if (authentication != null) {
      if (authentication.getPrincipal() instanceof Actor actor) {
        return actor;
      }
      if (authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal) {
        return new Actor(
            principal.getAttribute(ACTOR_ATTRIBUTE), principal.getAttribute(EMAIL_ATTRIBUTE));
      }
    }
    throw new IllegalStateException("request is not authenticated by the demo SoR");
  }
}
