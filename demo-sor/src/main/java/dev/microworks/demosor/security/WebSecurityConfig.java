package dev.microworks.demosor.security;

import dev.microworks.demosor.config.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of everything but the OAuth endpoints: {@code /api/**} and {@code /admin/**} are
 * stateless and take a bearer token or the API key; the rest (login page) uses form login with the
 * demo users. {@code /actuator/health} is public.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(
      HttpSecurity http, AuthProperties auth, OpaqueTokenIntrospector introspector)
      throws Exception {
    JsonSecurityErrors errors = new JsonSecurityErrors();
    http.securityMatcher("/api/**", "/admin/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/admin/**")
                    .hasRole("API_KEY")
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasAuthority("SCOPE_read")
                    .anyRequest()
                    .hasAuthority("SCOPE_write"))
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .opaqueToken(opaque -> opaque.introspector(introspector))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(
            exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .addFilterBefore(new ApiKeyFilter(auth.getApiKey()), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService demoUsers(AuthProperties auth, PasswordEncoder encoder) {
    String encoded = encoder.encode(auth.getUserPassword());
    return new InMemoryUserDetailsManager(
        DemoUsers.ALL.stream()
            .map(
                u ->
                    (UserDetails)
                        User.withUsername(u.username()).password(encoded).roles("USER").build())
            .toList());
  }
}
