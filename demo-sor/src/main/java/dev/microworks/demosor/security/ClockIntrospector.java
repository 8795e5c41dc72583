package dev.microworks.demosor.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * Validates opaque access tokens by looking them up in the authorization server's own store: a
 * token is active if it was issued here, is not revoked, and has not expired according to the
 * injected {@link Clock} (so tests can move time forward instead of sleeping).
 *
 * <p>The principal carries the actor: the username for authorization-code tokens, {@code
 * service:<client-id>} for client-credentials tokens. A token without scopes gets the client's
 * registered scopes.
 */
@Component
class ClockIntrospector implements OpaqueTokenIntrospector {

  private final OAuth2AuthorizationService authorizations;
  private final RegisteredClientRepository clients;
  private final Clock clock;

  ClockIntrospector(
      OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, Clock clock) {
    this.authorizations = authorizations;
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    OAuth2Authorization authorization =
        authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
    if (authorization == null || authorization.getAccessToken() == null) {
      throw new BadOpaqueTokenException("the access token is unknown");
    }
    OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
    if (accessToken.isInvalidated()) {
      throw new BadOpaqueTokenException("the access token was revoked");
    }
    Instant expiresAt = accessToken.getToken().getExpiresAt();
    if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
      throw new BadOpaqueTokenException("the access token expired at " + expiresAt);
    }
    RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
    Set<String> scopes = authorization.getAuthorizedScopes();
    if (scopes.isEmpty() && client != null) {
      scopes = client.getScopes();
    }
    Map<String, Object> attributes = new HashMap<>();
    String name = authorization.getPrincipalName();
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
        authorization.getAuthorizationGrantType())) {
      attributes.put(Actor.ACTOR_ATTRIBUTE, "service:" + name);
    } else {
      attributes.put(Actor.ACTOR_ATTRIBUTE, name);
      attributes.put(
          Actor.EMAIL_ATTRIBUTE,
          DemoUsers.byUsername(name)
              .map(DemoUsers.User::email)
              .orElse(name + "@" + DemoUsers.DOMAIN));
    }
    attributes.put("sub", name);
    attributes.put("client_id", client == null ? "" : client.getClientId());
    attributes.put("scope", List.copyOf(scopes));
    attributes.put("exp", expiresAt);
    List<GrantedAuthority> authorities = new ArrayList<>();
    scopes.forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
    return new OAuth2IntrospectionAuthenticatedPrincipal(name, attributes, authorities);
  }
}
