package dev.microworks.identity.internal;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which ID token (or userinfo) claims carry a user's e-mail, name and groups, per OIDC client
 * registration: {@code microworks.identity.oidc.<registrationId>.*}. A registration without an
 * entry uses the defaults.
 *
 * @param oidc the claim names by registration id (the id of {@code
 *     spring.security.oauth2.client.registration.<id>})
 */
@ConfigurationProperties("microworks.identity")
record OidcClaimMappings(Map<String, ClaimNames> oidc) {

  OidcClaimMappings {
    oidc = oidc == null ? Map.of() : Map.copyOf(oidc);
  }

  /** The claim names of {@code registrationId}. */
  ClaimNames of(String registrationId) {
    return oidc.getOrDefault(registrationId, ClaimNames.DEFAULTS);
  }

  /**
   * @param emailClaim the e-mail address (default {@code email})
   * @param nameClaim the display name (default {@code name})
   * @param groupsClaim the group names, a list or a single string (default {@code groups}); with
   *     Entra ID these are object ids unless the app registration emits names
   */
  record ClaimNames(
      @DefaultValue("email") String emailClaim,
      @DefaultValue("name") String nameClaim,
      @DefaultValue("groups") String groupsClaim) {

    static final ClaimNames DEFAULTS = new ClaimNames("email", "name", "groups");
  }
}
