package dev.microworks.integration.internal;

import dev.microworks.integration.Credential;
import dev.microworks.integration.CredentialSource;
import dev.microworks.integration.internal.http.DevOnlyCredentialSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * DEV ONLY: service-account credentials from configuration ({@code
 * microworks.dev-credentials.<integration>.<slot>.<field>=value}, fields {@code username, password,
 * key, token, client-id, client-secret, refresh-token}), for the demo and tests until the
 * credential wallet replaces this bean. Values are never logged; the start-up log says this source
 * is in use.
 */
@Configuration(proxyBeanMethods = false)
class DevCredentialsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DevCredentialsConfiguration.class);
  private static final List<String> FIELDS =
      List.of(
          Credential.USERNAME,
          Credential.PASSWORD,
          Credential.KEY,
          Credential.TOKEN,
          Credential.CLIENT_ID,
          Credential.CLIENT_SECRET,
          Credential.REFRESH_TOKEN);

  @Bean
  @ConditionalOnMissingBean
  CredentialSource devOnlyCredentialSource(Environment environment) {
    Map<String, Map<String, Map<String, String>>> raw =
        Binder.get(environment)
            .bind("microworks.dev-credentials", Bindable.mapOf(String.class, Object.class))
            .map(DevCredentialsConfiguration::normalise)
            .orElse(Map.of());
    log.warn(
        "Credentials come from configuration (microworks.dev-credentials: {} integration(s)). This"
            + " dev-only source is for demos and tests; the credential wallet replaces it.",
        raw.size());
    return new DevOnlyCredentialSource(raw);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Map<String, String>>> normalise(
      Map<String, Object> bound) {
    Map<String, Map<String, Map<String, String>>> integrations = new LinkedHashMap<>();
    bound.forEach(
        (integration, slots) -> {
          Map<String, Map<String, String>> bySlot = new LinkedHashMap<>();
          ((Map<String, Object>) slots)
              .forEach(
                  (slot, fields) -> {
                    Map<String, String> byField = new LinkedHashMap<>();
                    ((Map<String, Object>) fields)
                        .forEach(
                            (field, value) -> byField.put(field(field), String.valueOf(value)));
                    bySlot.put(slot, byField);
                  });
          integrations.put(integration, bySlot);
        });
    return integrations;
  }

  /**
   * {@code client-id}, {@code client_id}, {@code clientid} all name {@link Credential#CLIENT_ID}.
   */
  private static String field(String name) {
    String plain = name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    return FIELDS.stream()
        .filter(known -> known.toLowerCase(Locale.ROOT).equals(plain))
        .findFirst()
        .orElse(name);
  }
}
