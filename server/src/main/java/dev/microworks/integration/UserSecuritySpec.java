package dev.microworks.integration;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How a user authorises actions under their own identity: OAuth 2.0 authorization code grant, one
 * token per user (Citrix {@code serviceActionSecurity}). The slot {@code credential} holds the
 * client id and client secret; each user's tokens are stored in the wallet under that user.
 *
 * @param authorizationUrl absolute authorization endpoint the user's browser is sent to
 * @param tokenUrl absolute token endpoint
 * @param scopes requested scopes, possibly empty
 * @param clientAuth how the client authenticates at the token endpoint
 * @param pkce whether to use PKCE (S256); default {@code true}
 * @param credential slot holding client id and client secret
 */
public record UserSecuritySpec(
    URI authorizationUrl,
    URI tokenUrl,
    List<String> scopes,
    ClientAuth clientAuth,
    boolean pkce,
    String credential) {

  public UserSecuritySpec {
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(credential, "credential");
  }
}
