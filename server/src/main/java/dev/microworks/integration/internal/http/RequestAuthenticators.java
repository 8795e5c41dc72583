package dev.microworks.integration.internal.http;

import dev.microworks.integration.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/** The authentication schemes the engine supports. */
public final class RequestAuthenticators {

  private RequestAuthenticators() {}

  /** No credentials. */
  public static RequestAuthenticator none() {
    return new Static("none", (request, credential) -> Authenticated.anonymous(request));
  }

  /** {@code Authorization: Basic}, from the {@code username} and {@code password} fields. */
  public static RequestAuthenticator basic(CredentialRef ref) {
    return new Static(
        "basic",
        ref,
        (request, credential) -> {
          String user = new String(credential.username());
          String password = new String(credential.password());
          String header =
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
          return new Authenticated(
              request.withHeader("Authorization", header),
              SentSecrets.none().with(header).with(header.substring(6)).with(password),
              null);
        });
  }

  /** The {@code key} field in header {@code headerName}, after {@code prefix} (may be empty). */
  public static RequestAuthenticator apiKeyHeader(
      CredentialRef ref, String headerName, String prefix) {
    return new Static(
        "api-key-header",
        ref,
        (request, credential) -> {
          String key = new String(credential.key());
          return new Authenticated(
              request.withHeader(headerName, prefix + key), SentSecrets.none().with(key), null);
        });
  }

  /** The {@code key} field as query parameter {@code paramName}, always redacted in messages. */
  public static RequestAuthenticator apiKeyQuery(CredentialRef ref, String paramName) {
    return new Static(
        "api-key-query",
        ref,
        (request, credential) -> {
          String key = new String(credential.key());
          return new Authenticated(
              request.withQueryParam(paramName, key),
              SentSecrets.none().with(key).withQueryParam(paramName),
              null);
        });
  }

  /** {@code Authorization: Bearer}, from the {@code token} field. */
  public static RequestAuthenticator bearer(CredentialRef ref) {
    return new Static(
        "bearer",
        ref,
        (request, credential) -> {
          String token = new String(credential.token());
          return new Authenticated(
              request.withHeader("Authorization", "Bearer " + token),
              SentSecrets.none().with(token),
              null);
        });
  }

  /**
   * OAuth 2.0 client credentials grant, from the {@code clientId} and {@code clientSecret} fields.
   * The access token is cached until shortly before it expires; a 401 refreshes it once.
   */
  public static RequestAuthenticator oauth2ClientCredentials(
      CredentialRef ref, OAuth2Client client, Clock clock) {
    return new OAuth2Authenticator(
        ref, client, OAuth2Authenticator.Grant.CLIENT_CREDENTIALS, clock);
  }

  /**
   * OAuth 2.0 refresh-token grant, from the {@code refreshToken}, {@code clientId} and (for
   * confidential clients) {@code clientSecret} fields. A rotated refresh token is kept in memory.
   */
  public static RequestAuthenticator oauth2RefreshToken(
      CredentialRef ref, OAuth2Client client, Clock clock) {
    return new OAuth2Authenticator(ref, client, OAuth2Authenticator.Grant.REFRESH_TOKEN, clock);
  }

  @FunctionalInterface
  private interface Apply {
    Authenticated apply(RequestTemplate request, Credential credential);
  }

  /** Credentials read from the source for each request, so a rotated secret applies at once. */
  private static final class Static implements RequestAuthenticator {
    private final String kind;
    private final CredentialRef ref;
    private final Apply apply;

    Static(String kind, Apply apply) {
      this(kind, null, apply);
    }

    Static(String kind, CredentialRef ref, Apply apply) {
      this.kind = kind;
      this.ref = ref;
      this.apply = apply;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public Authenticated authenticate(RequestTemplate request, TokenClient tokens) {
      if (ref == null) {
        return apply.apply(request, null);
      }
      try (Credential credential = ref.read()) {
        return apply.apply(request, credential);
      }
    }

    @Override
    public String toString() {
      return kind + (ref == null ? "" : " " + ref);
    }
  }
}
