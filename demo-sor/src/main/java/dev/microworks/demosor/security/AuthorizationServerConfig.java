package dev.microworks.demosor.security;

import dev.microworks.demosor.config.AuthProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OAuth 2.0 authorization server: two registered clients, opaque (reference) access tokens and
 * refresh tokens stamped with the injected clock, held in memory.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

  /** Scopes of both clients: {@code read} for GET on /api, {@code write} for the rest. */
  static final List<String> SCOPES = List.of("read", "write");

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  RegisteredClientRepository registeredClients(AuthProperties auth, PasswordEncoder encoder) {
    AuthProperties.Client service = auth.getServiceClient();
    RegisteredClient sync =
        RegisteredClient.withId(service.getClientId())
            .clientId(service.getClientId())
            .clientSecret(encoder.encode(service.getClientSecret()))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scopes(scopes -> scopes.addAll(SCOPES))
            .tokenSettings(
                TokenSettings.builder()
                    .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                    .accessTokenTimeToLive(service.getAccessTokenTtl())
                    .build())
            .build();
    AuthProperties.UserClient user = auth.getUserClient();
    RegisteredClient actions =
        RegisteredClient.withId(user.getClientId())
            .clientId(user.getClientId())
            .clientSecret(encoder.encode(user.getClientSecret()))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .redirectUris(uris -> uris.addAll(user.getRedirectUris()))
            .scopes(scopes -> scopes.addAll(SCOPES))
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(
                TokenSettings.builder()
                    .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                    .accessTokenTimeToLive(user.getAccessTokenTtl())
                    .refreshTokenTimeToLive(user.getRefreshTokenTtl())
                    .reuseRefreshTokens(false)
                    .build())
            .build();
    if (sync.getClientId().equals(actions.getClientId())) {
      throw new IllegalStateException(
          "demo-sor.auth.service-client.client-id and demo-sor.auth.user-client.client-id must"
              + " differ, both are '"
              + sync.getClientId()
              + "'");
    }
    return new InMemoryRegisteredClientRepository(sync, actions);
  }

  @Bean
  OAuth2AuthorizationService authorizationService() {
    return new InMemoryOAuth2AuthorizationService();
  }

  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(Clock clock) {
    OAuth2AccessTokenGenerator access = new OAuth2AccessTokenGenerator();
    access.setClock(clock);
    OAuth2RefreshTokenGenerator refresh = new OAuth2RefreshTokenGenerator();
    refresh.setClock(clock);
    return new DelegatingOAuth2TokenGenerator(access, refresh);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(AuthProperties auth) {
    AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
    if (!auth.getIssuer().isEmpty()) {
      settings.issuer(auth.getIssuer());
    }
    return settings.build();
  }
}
