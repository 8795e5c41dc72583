package dev.microworks.integration.internal;

import dev.microworks.integration.ClientAuth;
import dev.microworks.integration.CredentialPurpose;
import dev.microworks.integration.CredentialSource;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.SecuritySpec;
import dev.microworks.integration.SourceReadException;
import dev.microworks.integration.internal.http.CredentialRef;
import dev.microworks.integration.internal.http.EngineSettings;
import dev.microworks.integration.internal.http.HttpEngine;
import dev.microworks.integration.internal.http.OAuth2Client;
import dev.microworks.integration.internal.http.RateLimit;
import dev.microworks.integration.internal.http.RequestAuthenticator;
import dev.microworks.integration.internal.http.RequestAuthenticators;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Builds the HTTP engine for an integration's service account from its spec. */
final class EngineFactory {

  private final CredentialSource credentials;
  private final Clock clock;

  EngineFactory(CredentialSource credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  HttpEngine engine(IntegrationSpec spec) {
    EngineSettings settings =
        EngineSettings.defaults(spec.id())
            .withTimeout(spec.connection().timeout())
            .withVerifyTls(spec.connection().verifyTls())
            .withAllowedHosts(Set.copyOf(spec.connection().allowedHosts()));
    if (spec.connection().rateLimit().isPresent()) {
      settings =
          settings.withRateLimit(
              new RateLimit(
                  spec.connection().rateLimit().get().requests(),
                  spec.connection().rateLimit().get().per()));
    }
    return new HttpEngine(settings, authenticator(spec));
  }

  private RequestAuthenticator authenticator(IntegrationSpec spec) {
    SecuritySpec security = spec.serviceSecurity();
    if (security instanceof SecuritySpec.None) {
      return RequestAuthenticators.none();
    }
    if (security instanceof SecuritySpec.Basic basic) {
      return RequestAuthenticators.basic(ref(spec, basic.credential()));
    }
    if (security instanceof SecuritySpec.ApiKey key) {
      return key.placement() == SecuritySpec.Placement.HEADER
          ? RequestAuthenticators.apiKeyHeader(ref(spec, key.credential()), key.name(), "")
          : RequestAuthenticators.apiKeyQuery(ref(spec, key.credential()), key.name());
    }
    if (security instanceof SecuritySpec.Bearer bearer) {
      return RequestAuthenticators.bearer(ref(spec, bearer.credential()));
    }
    if (security instanceof SecuritySpec.OAuth2ClientCredentials oauth) {
      return RequestAuthenticators.oauth2ClientCredentials(
          ref(spec, oauth.credential()),
          client(oauth.tokenUrl(), oauth.clientAuth(), oauth.scopes()),
          clock);
    }
    if (security instanceof SecuritySpec.OAuth2RefreshToken oauth) {
      return RequestAuthenticators.oauth2RefreshToken(
          ref(spec, oauth.credential()),
          client(oauth.tokenUrl(), oauth.clientAuth(), oauth.scopes()),
          clock);
    }
    throw new SourceReadException(
        "integration "
            + spec.id()
            + " authenticates with "
            + security.getClass().getSimpleName()
            + " (several API keys or the OAuth 2.0 password grant), which syncs cannot use yet");
  }

  private CredentialRef ref(IntegrationSpec spec, String slot) {
    return new CredentialRef(credentials, spec.id(), slot, CredentialPurpose.SYNC);
  }

  private static OAuth2Client client(URI tokenUrl, ClientAuth auth, List<String> scopes) {
    return new OAuth2Client(
        tokenUrl,
        auth == ClientAuth.BASIC_HEADER
            ? OAuth2Client.ClientAuthentication.BASIC_HEADER
            : OAuth2Client.ClientAuthentication.FORM_BODY,
        scopes);
  }
}
