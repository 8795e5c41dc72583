package dev.microworks.integration.internal.http;

import dev.microworks.integration.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** OAuth 2.0 client credentials or refresh-token grant, with a cached access token. */
final class OAuth2Authenticator implements RequestAuthenticator {

  /** Refresh this long before expiry (or at half the lifetime, if shorter). */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  enum Grant {
    CLIENT_CREDENTIALS,
    REFRESH_TOKEN
  }

  /** An access token; {@code refreshAt} null means "until a 401". */
  private record Token(String value, Instant refreshAt) {
    @Override
    public String toString() {
      return "Token[refreshAt=" + refreshAt + "]";
    }
  }

  private final CredentialRef ref;
  private final OAuth2Client client;
  private final Grant grant;
  private final Clock clock;
  private Token token;
  private String rotatedRefreshToken;

  OAuth2Authenticator(CredentialRef ref, OAuth2Client client, Grant grant, Clock clock) {
    this.ref = ref;
    this.client = client;
    this.grant = grant;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return grant == Grant.CLIENT_CREDENTIALS ? "oauth2-client-credentials" : "oauth2-refresh-token";
  }

  @Override
  public Authenticated authenticate(RequestTemplate request, TokenClient tokens) {
    Token current = currentToken(tokens);
    return new Authenticated(
        request.withHeader("Authorization", "Bearer " + current.value()),
        SentSecrets.none().with(current.value()),
        current);
  }

  @Override
  public synchronized boolean onUnauthorized(Authenticated rejected) {
    if (token == rejected.stamp()) {
      token = null;
    }
    return true;
  }

  private synchronized Token currentToken(TokenClient tokens) {
    if (token == null
        || (token.refreshAt() != null && !clock.instant().isBefore(token.refreshAt()))) {
      token = fetch(tokens);
    }
    return token;
  }

  private Token fetch(TokenClient tokens) {
    Map<String, String> form = new LinkedHashMap<>();
    SentSecrets secrets = SentSecrets.none();
    RequestTemplate request = RequestTemplate.of("POST", client.tokenUri());
    try (Credential credential = ref.read()) {
      String clientId = new String(credential.clientId());
      Optional<String> clientSecret =
          credential.optionalField(Credential.CLIENT_SECRET).map(String::new);
      if (grant == Grant.CLIENT_CREDENTIALS) {
        form.put("grant_type", "client_credentials");
      } else {
        String refreshToken =
            rotatedRefreshToken != null
                ? rotatedRefreshToken
                : new String(credential.refreshToken());
        secrets = secrets.with(refreshToken);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
      }
      if (!client.scopes().isEmpty()) {
        form.put("scope", String.join(" ", client.scopes()));
      }
      form.putAll(client.extraParameters());
      if (clientSecret.isPresent()) {
        secrets = secrets.with(clientSecret.get());
      }
      if (client.clientAuthentication() == OAuth2Client.ClientAuthentication.BASIC_HEADER
          && clientSecret.isPresent()) {
        String pair =
            RequestTemplate.encode(clientId) + ":" + RequestTemplate.encode(clientSecret.get());
        String header =
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        secrets = secrets.with(header).with(header.substring(6));
        request = request.withHeader("Authorization", header);
      } else {
        form.put("client_id", clientId);
        clientSecret.ifPresent(secret -> form.put("client_secret", secret));
      }
    }
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    RequestTemplate.encode(e.getKey()) + "=" + RequestTemplate.encode(e.getValue()))
            .collect(Collectors.joining("&"));
    request =
        request
            .withHeader("Accept", "application/json")
            .withBody(body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    JsonNode answer = tokens.requestToken(request, secrets);
    return parse(answer, request, secrets);
  }

  private Token parse(JsonNode answer, RequestTemplate request, SentSecrets secrets) {
    Optional<String> accessToken = JsonPaths.text(answer, "access_token");
    if (accessToken.isEmpty()) {
      Target target =
          new Target(ref.integrationId(), "token request", "POST", request.uri(), secrets);
      throw new AuthenticationException(
          target,
          null,
          null,
          "the token endpoint's answer to "
              + target.describe()
              + " has no access_token (it has "
              + JsonPaths.describe(answer)
              + ")");
    }
    JsonPaths.text(answer, "refresh_token").ifPresent(rotated -> rotatedRefreshToken = rotated);
    Optional<Long> expiresIn =
        JsonPaths.text(answer, "expires_in").flatMap(OAuth2Authenticator::parseLong);
    Instant refreshAt =
        expiresIn
            .map(Duration::ofSeconds)
            .map(
                lifetime -> {
                  Duration half = lifetime.dividedBy(2);
                  Duration margin = half.compareTo(EXPIRY_MARGIN) < 0 ? half : EXPIRY_MARGIN;
                  return clock.instant().plus(lifetime).minus(margin);
                })
            .orElse(null);
    return new Token(accessToken.get(), refreshAt);
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return kind() + " " + ref + " at " + client.tokenUri();
  }
}
