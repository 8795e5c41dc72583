package dev.microworks.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.SpringSecurityLdapTemplate;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;

/**
 * The identity providers beside the local accounts: LDAP / Active Directory (a second password
 * provider of the sign-in form, on when {@code microworks.identity.ldap.url} is set) and OpenID
 * Connect (on when a {@code spring.security.oauth2.client.registration.*} exists; see {@link
 * OidcSignIn}).
 */
@Configuration(proxyBeanMethods = false)
class IdentityProviders {

  /** OIDC scopes requested when a registration names none. */
  static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile", "groups");

  /**
   * A registration without {@code scope} asks for {@link #DEFAULT_SCOPES}, not for every scope the
   * provider's discovery document lists.
   */
  @Bean
  static BeanPostProcessor oidcDefaultScopes() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof OAuth2ClientProperties clients) {
          clients.getRegistration().values().stream()
              .filter(registration -> registration.getScope() == null)
              .forEach(registration -> registration.setScope(new LinkedHashSet<>(DEFAULT_SCOPES)));
        }
        return bean;
      }
    };
  }

  @Bean
  @Order(1)
  @ConditionalOnProperty(prefix = "microworks.identity.ldap", name = "url")
  AuthenticationProvider ldapPasswords(
      LdapProperties properties, UserProvisioning provisioning, SignIns signIns, JdbcUsers users) {
    DefaultSpringSecurityContextSource directory = directory(properties);
    FilterBasedLdapUserSearch search =
        new FilterBasedLdapUserSearch(
            properties.userSearchBase(), properties.userSearchFilter(), directory);
    BindAuthenticator binds = new BindAuthenticator(directory);
    binds.setUserSearch(search);
    try {
      binds.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException("microworks.identity.ldap: " + e.getMessage(), e);
    }
    return new LdapAuthenticationProvider(
        binds, new SpringSecurityLdapTemplate(directory), properties, provisioning, signIns, users);
  }

  /** The directory connection; every problem with the properties named at once. */
  static DefaultSpringSecurityContextSource directory(LdapProperties properties) {
    List<String> problems = new ArrayList<>();
    if (properties.baseDn() == null || properties.baseDn().isBlank()) {
      problems.add("microworks.identity.ldap.base-dn is required with ldap.url");
    }
    if (!properties.url().startsWith("ldap://") && !properties.url().startsWith("ldaps://")) {
      problems.add(
          "microworks.identity.ldap.url must start with ldap:// or ldaps://, not "
              + properties.url());
    }
    boolean manager = properties.managerDn() != null && !properties.managerDn().isBlank();
    String password = null;
    if (manager && properties.managerPasswordFile() == null) {
      problems.add("microworks.identity.ldap.manager-password-file is required with manager-dn");
    } else if (manager) {
      try {
        password = Files.readString(properties.managerPasswordFile()).strip();
      } catch (IOException e) {
        problems.add(
            "microworks.identity.ldap.manager-password-file "
                + properties.managerPasswordFile()
                + " cannot be read ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "LDAP sign-in is misconfigured: " + String.join("; ", problems));
    }
    DefaultSpringSecurityContextSource directory =
        new DefaultSpringSecurityContextSource(List.of(properties.url()), properties.baseDn());
    if (manager) {
      directory.setUserDn(properties.managerDn());
      directory.setPassword(password);
    } else {
      directory.setAnonymousReadOnly(true);
    }
    directory.afterPropertiesSet();
    return directory;
  }
}
