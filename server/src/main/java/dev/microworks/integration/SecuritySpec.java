package dev.microworks.integration;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How the service account authenticates data-retrieval requests. A spec never holds a secret: every
 * variant names a credential <em>slot</em> ({@code credential}), a wallet entry whose content is
 * documented on each variant.
 */
public sealed interface SecuritySpec {

  /** Where an API key travels. */
  enum Placement {
    HEADER,
    QUERY
  }

  /** No authentication. */
  record None() implements SecuritySpec {}

  /** HTTP Basic. The slot holds a username and a password. */
  record Basic(String credential) implements SecuritySpec {
    public Basic {
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * An API key sent as header or query parameter {@code name}. The slot holds the key.
   *
   * @param placement header or query parameter
   * @param name header or parameter name, e.g. {@code X-API-Key}
   * @param credential slot holding the key
   */
  record ApiKey(Placement placement, String name, String credential) implements SecuritySpec {
    public ApiKey {
      Objects.requireNonNull(placement, "placement");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * Several API keys sent together (a Citrix APIKEY security with more than one key, e.g. a key and
   * a customer id). Each key names its own slot.
   */
  record ApiKeys(List<ApiKey> keys) implements SecuritySpec {
    public ApiKeys {
      keys = List.copyOf(keys);
    }
  }

  /** {@code Authorization: Bearer <token>} with a static token. The slot holds the token. */
  record Bearer(String credential) implements SecuritySpec {
    public Bearer {
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * OAuth 2.0 client credentials grant. The slot holds the client id and client secret.
   *
   * @param tokenUrl absolute token endpoint
   * @param scopes requested scopes, possibly empty
   * @param clientAuth how the client authenticates at the token endpoint
   * @param credential slot holding client id and client secret
   */
  record OAuth2ClientCredentials(
      URI tokenUrl, List<String> scopes, ClientAuth clientAuth, String credential)
      implements SecuritySpec {
    public OAuth2ClientCredentials {
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(clientAuth, "clientAuth");
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * OAuth 2.0 with a long-lived refresh token obtained once by an administrator (Citrix OAUTH2 with
   * grant AUTHORIZATION_CODE used for data retrieval). The slot holds client id, client secret and
   * the refresh token; a rotated refresh token is written back to the slot.
   */
  record OAuth2RefreshToken(
      URI tokenUrl, List<String> scopes, ClientAuth clientAuth, String credential)
      implements SecuritySpec {
    public OAuth2RefreshToken {
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(clientAuth, "clientAuth");
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * OAuth 2.0 resource owner password grant (Citrix RESOURCE_OWNER_PASSWORD; deprecated by OAuth
   * 2.1, supported for imported bundles). The slot holds client id, client secret, username and
   * password.
   */
  record OAuth2Password(URI tokenUrl, List<String> scopes, ClientAuth clientAuth, String credential)
      implements SecuritySpec {
    public OAuth2Password {
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(clientAuth, "clientAuth");
      Objects.requireNonNull(credential, "credential");
    }
  }
}
