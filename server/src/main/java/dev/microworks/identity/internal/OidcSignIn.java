package dev.microworks.identity.internal;

import dev.microworks.identity.UserSource;
import dev.microworks.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in with OpenID Connect: the authorization-code flow with PKCE (S256, for confidential
 * clients too), state and nonce, for every client registration of Spring Boot's {@code
 * spring.security.oauth2.client.*} properties. Spring Security checks the ID token (signature,
 * {@code iss}, {@code aud}, {@code exp}, the nonce of this browser's request); then this class
 * provisions the user just in time ({@link UserProvisioning}, source OIDC, external id {@code
 * issuer|sub}) and makes the sign-in the session's {@link UserAuthentication}.
 *
 * <p>Guarantees: the session never holds the provider's tokens (no authorized client is kept and
 * the filter's own security context is not saved); every failure ends at {@code /login?error} with
 * the generic answer and an audit entry {@code identity.login.failed} (method {@code oidc}, a
 * reason class such as {@code invalid_id_token}, {@code invalid_nonce} or {@code
 * provisioning_refused}), never a token.
 */
@Component
class OidcSignIn {

  private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
  private static final String CALLBACK = "/login/oauth2/code/";

  private final ObjectProvider<ClientRegistrationRepository> registrations;
  private final OidcClaimMappings claims;
  private final UserProvisioning provisioning;
  private final SignIns signIns;
  private final IdentityAudit audit;

  OidcSignIn(
      ObjectProvider<ClientRegistrationRepository> registrations,
      OidcClaimMappings claims,
      UserProvisioning provisioning,
      SignIns signIns,
      IdentityAudit audit) {
    this.registrations = registrations;
    this.claims = claims;
    this.provisioning = provisioning;
    this.signIns = signIns;
    this.audit = audit;
  }

  /** A provider for the sign-in page: its registration id and the name to show. */
  record Provider(String id, String name) {}

  /** The configured providers, in configuration order; empty when OIDC is off. */
  List<Provider> providers() {
    ClientRegistrationRepository repository = registrations.getIfAvailable();
    List<Provider> providers = new ArrayList<>();
    if (repository instanceof Iterable<?> all) {
      for (Object each : all) {
        ClientRegistration registration = (ClientRegistration) each;
        providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
      }
    }
    return providers;
  }

  /** Adds OIDC sign-in to the page chain when at least one client registration exists. */
  void configure(HttpSecurity http) throws Exception {
    ClientRegistrationRepository repository = registrations.getIfAvailable();
    if (repository == null) {
      return;
    }
    DefaultOAuth2AuthorizationRequestResolver requests =
        new DefaultOAuth2AuthorizationRequestResolver(
            repository,
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    http.oauth2Login(
        login ->
            login
                .loginPage("/login")
                .clientRegistrationRepository(repository)
                .authorizedClientRepository(new NoAuthorizedClients())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .securityContextRepository(new NullSecurityContextRepository())
                // the page chain's manager is the sign-in form's (throttle, password providers);
                // the callback has its own: the ID token checks of Spring Security
                .withObjectPostProcessor(
                    new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
                      @Override
                      public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationManager(idTokens());
                        return filter;
                      }
                    })
                .successHandler(this::signedIn)
                .failureHandler(this::refused));
  }

  /** Exchanges the code (with the PKCE verifier) and checks the ID token and its nonce. */
  private static AuthenticationManager idTokens() {
    return new ProviderManager(
        new OidcAuthorizationCodeAuthenticationProvider(
            new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService()));
  }

  private void signedIn(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    // the filter's OAuth2AuthenticationToken goes no further than this method
    SecurityContextHolder.clearContext();
    OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
    String registrationId = token.getAuthorizedClientRegistrationId();
    OidcUser user = (OidcUser) token.getPrincipal();
    OidcClaimMappings.ClaimNames names = claims.of(registrationId);
    UserProvisioning.ExternalIdentity identity =
        new UserProvisioning.ExternalIdentity(
            UserSource.OIDC,
            user.getIssuer() + "|" + user.getSubject(),
            user.getClaimAsString(names.emailClaim()),
            user.getClaimAsString(names.nameClaim()),
            groups(user.getClaims().get(names.groupsClaim())));
    Account account;
    try {
      account = provisioning.provision(TenantId.DEFAULT, identity);
    } catch (ProvisioningRefused refused) {
      failed(request, response, registrationId, "provisioning_refused");
      return;
    }
    UserAuthentication signedIn = signIns.signIn(account, SignInMethod.OIDC);
    signIns.establish(signedIn, request, response);
    audit.ok(
        account.tenant(),
        signedIn.getName(),
        "login",
        signedIn.getName(),
        "method",
        "oidc",
        "provider",
        registrationId,
        "address",
        String.valueOf(request.getRemoteAddr()),
        "next",
        signedIn.stage().name().toLowerCase(Locale.ROOT));
    response.sendRedirect(request.getContextPath() + signedIn.stage().page());
  }

  private void refused(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    String reason =
        refused instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : refused.getClass().getSimpleName();
    // the message may quote claims; the log gets it, the person signing in does not
    log.info("OIDC sign-in refused ({}): {}", reason, refused.getMessage());
    failed(request, response, registrationId(request), reason);
  }

  private void failed(
      HttpServletRequest request,
      HttpServletResponse response,
      String registrationId,
      String reason)
      throws IOException {
    SecurityContextHolder.clearContext();
    audit.refused(
        TenantId.DEFAULT,
        IdentityAudit.ANONYMOUS,
        "login.failed",
        "oidc:" + registrationId,
        "method",
        "oidc",
        "reason",
        reason,
        "address",
        String.valueOf(request.getRemoteAddr()));
    response.sendRedirect(request.getContextPath() + "/login?error");
  }

  private static String registrationId(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith(CALLBACK) ? path.substring(CALLBACK.length()) : "unknown";
  }

  private static Set<String> groups(Object claim) {
    Set<String> groups = new LinkedHashSet<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(value -> groups.add(String.valueOf(value)));
    } else if (claim instanceof String value && !value.isBlank()) {
      groups.add(value);
    }
    return groups;
  }

  /**
   * Keeps no authorized client: the access and refresh tokens are used for the sign-in and then
   * dropped, so neither the session nor memory holds them.
   */
  private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
        String clientRegistrationId, Authentication principal, HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(
        OAuth2AuthorizedClient authorizedClient,
        Authentication principal,
        HttpServletRequest request,
        HttpServletResponse response) {}

    @Override
    public void removeAuthorizedClient(
        String clientRegistrationId,
        Authentication principal,
        HttpServletRequest request,
        HttpServletResponse response) {}
  }
}
