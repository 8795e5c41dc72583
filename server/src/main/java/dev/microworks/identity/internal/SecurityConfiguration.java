package dev.microworks.identity.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.expression.DefaultHttpSecurityExpressionHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may call what. Two filter chains:
 *
 * <ul>
 *   <li>{@code /api/**}: a bearer token (personal access token or the bootstrap token), or the
 *       session cookie of a sign-in (then CSRF applies to unsafe methods). Authentication first
 *       (401, problem JSON), then the handler's declared role (403).
 *   <li>everything else: the pages (sign-in form, sessions, CSRF on every form), plus a short list
 *       of open endpoints (health, info, metrics, the API document).
 * </ul>
 *
 * Both authorise by the handler's own {@code @PreAuthorize} ({@link DeclaredAccess}); method
 * security checks it again when the handler runs. Roles are hierarchical: ADMIN &gt; MICROAPP_ADMIN
 * &gt; USER.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role("ADMIN")
        .implies("MICROAPP_ADMIN")
        .role("MICROAPP_ADMIN")
        .implies("USER")
        .build();
  }

  @Bean
  DeclaredAccess declaredAccess(ApplicationContext context, RoleHierarchy roleHierarchy) {
    DefaultHttpSecurityExpressionHandler expressions = new DefaultHttpSecurityExpressionHandler();
    expressions.setRoleHierarchy(roleHierarchy);
    expressions.setApplicationContext(context);
    return new DeclaredAccess(context, expressions);
  }

  @Bean
  LoginThrottle loginThrottle(LoginProperties properties, Optional<Clock> clock) {
    return new LoginThrottle(properties, clock.orElse(Clock.systemUTC()));
  }

  /** The first password provider; an LDAP provider is added as another bean, ordered after. */
  @Bean
  @Order(0)
  AuthenticationProvider localPasswords(
      JdbcUsers users,
      Accounts accounts,
      Passwords passwords,
      BootstrapToken bootstrapToken,
      SignIns signIns,
      IdentityAudit audit,
      LoginProperties properties,
      Optional<Clock> clock) {
    return new LocalPasswordAuthenticationProvider(
        users,
        accounts,
        passwords,
        bootstrapToken,
        signIns,
        audit,
        properties,
        clock.orElse(Clock.systemUTC()));
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      DeclaredAccess declaredAccess,
      AccessTokens accessTokens,
      BootstrapToken bootstrapToken,
      JdbcUsers users,
      Accounts accounts,
      SignIns signIns,
      IdentityAudit audit)
      throws Exception {
    UnauthorizedProblem problems = new UnauthorizedProblem();
    AuthorizationManager<RequestAuthorizationContext> signedInAndDeclared =
        AuthorizationManagers.allOf(
            AuthenticatedAuthorizationManager.authenticated(), declaredAccess);
    http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::sessionWrite))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.disable())
        .addFilterAfter(new SessionCheckFilter(accounts, audit), SecurityContextHolderFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(accessTokens, bootstrapToken, users, signIns, problems),
            AnonymousAuthenticationFilter.class)
        .addFilterAfter(PendingStepFilter.forApi(problems), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(
            requests ->
                requests
                    // the async dispatch that completes a stream (the feed's server-sent events)
                    // belongs to a request that was authorized when it began
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .anyRequest()
                    .access(signedInAndDeclared));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageSecurity(
      HttpSecurity http,
      DeclaredAccess declaredAccess,
      List<AuthenticationProvider> providers,
      LoginThrottle throttle,
      Accounts accounts,
      IdentityAudit audit,
      OidcSignIn oidc)
      throws Exception {
    AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");
    AuthenticationEntryPoint forbidden = new Http403ForbiddenEntryPoint();
    http.authorizeHttpRequests(
            requests ->
                requests
                    // error pages rendered for a request that was already let through
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .anyRequest()
                    .access(declaredAccess))
        .authenticationManager(new LoginAuthenticationManager(providers, throttle, audit))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .successHandler(
                        (request, response, authentication) ->
                            response.sendRedirect(
                                request.getContextPath()
                                    + ((UserAuthentication) authentication).stage().page()))
                    .failureHandler(
                        (request, response, refused) ->
                            response.sendRedirect(
                                request.getContextPath()
                                    + (refused instanceof LoginThrottled
                                        ? "/login?throttled"
                                        : "/login?error"))))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .logoutSuccessUrl("/login?logout")
                    .deleteCookies("JSESSIONID")
                    .addLogoutHandler(
                        (request, response, authentication) -> {
                          if (authentication instanceof UserAuthentication user) {
                            audit.ok(
                                user.user().tenant(),
                                user.getName(),
                                "logout",
                                user.getName(),
                                "method",
                                user.method().name().toLowerCase(Locale.ROOT));
                          }
                        }))
        // a new session id at every sign-in, so an id seen before cannot ride along
        .sessionManagement(
            sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
        // no saved request to return to after sign-in: its URL is not kept (nor logged at DEBUG)
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(
                    (request, response, cause) ->
                        (declaredAccess.hasDeclaredHandler(request) ? signIn : forbidden)
                            .commence(request, response, cause)))
        .addFilterAfter(new SessionCheckFilter(accounts, audit), SecurityContextHolderFilter.class)
        .addFilterAfter(PendingStepFilter.forPages(), AnonymousAuthenticationFilter.class);
    // OpenID Connect sign-in, when a client registration is configured
    oidc.configure(http);
    return http.build();
  }

  /**
   * Whether an API request needs the CSRF token: it changes something and is authenticated by the
   * session cookie (no Authorization header). Bearer-token and anonymous requests do not carry a
   * cookie that authenticates them, so a forged cross-site request gains nothing.
   */
  private static boolean sessionWrite(jakarta.servlet.http.HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod())
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && SecurityContextHolder.getContext().getAuthentication() instanceof UserAuthentication user
        && user.method().session();
  }

  /** The OpenAPI document's title and its security schemes. */
  @Bean
  OpenAPI microworksOpenApi() {
    String bearer = "bearer-token";
    String session = "session-cookie";
    return new OpenAPI()
        .info(
            new Info()
                .title("Microworks API")
                .version("v1")
                .description(
                    "Integrations, the data cache, the wallet, users and groups. Authenticate with"
                        + " a personal access token (Authorization: Bearer mwp_...), the bootstrap"
                        + " admin token (Bearer mwb_...) or a signed-in session (cookie JSESSIONID"
                        + " plus the X-CSRF-TOKEN header on unsafe methods); see docs/api.md and"
                        + " docs/identity.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    bearer,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("a personal access token (mwp_...) or the bootstrap token"))
                .addSecuritySchemes(
                    session,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("JSESSIONID")
                        .description("the session of a sign-in at /login")))
        .addSecurityItem(new SecurityRequirement().addList(bearer))
        .addSecurityItem(new SecurityRequirement().addList(session));
  }
}
