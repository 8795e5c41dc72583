package dev.microworks.demosor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Credentials and OAuth 2.0 settings of the demo SoR. Holds secrets, so {@link #toString()} never
 * prints them.
 */
@Validated
@ConfigurationProperties("demo-sor.auth")
public class AuthProperties {

  /** Issuer URL of the authorization server; empty means derived from each request's host. */
  @Pattern(regexp = "^$|^https?://\\S+$", message = "must be empty or an http(s) URL")
  private String issuer = "";

  /** Value of the {@code X-API-Key} header that grants service access to /api and /admin. */
  @NotBlank private String apiKey = "demo-api-key";

  /** Password of the demo users alice, bob and carol. */
  @NotBlank private String userPassword = "demo";

  /** The client_credentials client used by the sync engine. */
  @Valid @NotNull private final Client serviceClient = new Client("microworks-sync", "sync-secret");

  /** The authorization_code + PKCE client used for user actions. */
  @Valid @NotNull
  private final UserClient userClient = new UserClient("microworks-actions", "actions-secret");

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getUserPassword() {
    return userPassword;
  }

  public void setUserPassword(String userPassword) {
    this.userPassword = userPassword;
  }

  public Client getServiceClient() {
    return serviceClient;
  }

  public UserClient getUserClient() {
    return userClient;
  }

  @Override
  public String toString() {
    return "AuthProperties[issuer="
        + issuer
        + ", apiKey=<redacted>, userPassword=<redacted>, "
        + serviceClient
        + ", "
        + userClient
        + "]";
  }

  /** A confidential OAuth 2.0 client. */
  public static class Client {

    /** The client_id. */
    @NotBlank private String clientId;

    /** The client_secret. */
    @NotBlank private String clientSecret;

    /** Lifetime of the access tokens issued to this client. */
    @NotNull private Duration accessTokenTtl = Duration.ofMinutes(5);

    Client(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public Duration getAccessTokenTtl() {
      return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
      this.accessTokenTtl = accessTokenTtl;
    }

    @Override
    public String toString() {
      return "Client[clientId="
          + clientId
          + ", clientSecret=<redacted>, accessTokenTtl="
          + accessTokenTtl
          + "]";
    }
  }

  /** The user-facing client: authorization_code with PKCE and refresh tokens, no consent. */
  public static class UserClient extends Client {

    /** Redirect URIs the client may use. */
    @NotEmpty
    private List<String> redirectUris =
        new ArrayList<>(List.of("http://127.0.0.1:8080/login/oauth2/code/demo-sor"));

    /** Lifetime of refresh tokens; should be longer than the access token lifetime. */
    @NotNull private Duration refreshTokenTtl = Duration.ofHours(8);

    UserClient(String clientId, String clientSecret) {
      super(clientId, clientSecret);
    }

    public List<String> getRedirectUris() {
      return redirectUris;
    }

    public void setRedirectUris(List<String> redirectUris) {
      this.redirectUris = redirectUris;
    }

    public Duration getRefreshTokenTtl() {
      return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration refreshTokenTtl) {
      this.refreshTokenTtl = refreshTokenTtl;
    }

    @Override
    public String toString() {
      return "User"
          + super.toString()
          + "[redirectUris="
          + redirectUris
          + ", refreshTokenTtl="
          + refreshTokenTtl
          + "]";
    }
  }
}
