package dev.microworks.identity.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. Two filter chains: the bearer-token API ({@code /api/**}, stateless, no CSRF
 * because no cookie authenticates it) and everything else (a short list of open endpoints; the rest
 * denied).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurityConfiguration {

  static final String ADMIN = "BOOTSTRAP_ADMIN";

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, BootstrapToken tokens) throws Exception {
    UnauthorizedProblem unauthorized = new UnauthorizedProblem();
    http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .addFilterBefore(
            new BootstrapTokenFilter(tokens, unauthorized), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(unauthorized))
        .authorizeHttpRequests(
            requests ->
                requests.requestMatchers("/api/v1/**").hasRole(ADMIN).anyRequest().denyAll());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
        requests ->
            requests
                // error pages rendered for a request that was already let through
                .dispatcherTypeMatchers(DispatcherType.ERROR)
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
                .denyAll());
    // no login page to return to: a denied request is not saved (nor its URL logged at DEBUG, nor
    // a session made for it)
    http.requestCache(cache -> cache.disable());
    return http.build();
  }

  /** The OpenAPI document's title and its one security scheme, the bootstrap token. */
  @Bean
  OpenAPI microworksOpenApi() {
    String scheme = "bootstrap-token";
    return new OpenAPI()
        .info(
            new Info()
                .title("Microworks admin API")
                .version("v1")
                .description(
                    "Integrations and the data cache. Authenticate with the bootstrap admin token"
                        + " (Authorization: Bearer mwb_...), see docs/api.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    scheme,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("the bootstrap admin token, mwb_...")))
        .addSecurityItem(new SecurityRequirement().addList(scheme));
  }
}
