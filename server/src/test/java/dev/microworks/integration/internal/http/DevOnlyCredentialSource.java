package dev.microworks.integration.internal.http;

import dev.microworks.integration.Credential;
import dev.microworks.integration.CredentialPurpose;
import dev.microworks.integration.CredentialSource;
import dev.microworks.integration.MissingCredentialException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT ONLY: credentials from plain configuration ({@code
 * microworks.dev-credentials.<integration>.<slot>.<field>}), given as nested maps integration →
 * slot → field → value. Nothing is encrypted and the purpose is not enforced; the credential wallet
 * replaces this. Logs a warning when created.
 */
public final class DevOnlyCredentialSource implements CredentialSource {

  private static final Logger log = LoggerFactory.getLogger(DevOnlyCredentialSource.class);

  private final Map<String, Map<String, Credential>> credentials;

  public DevOnlyCredentialSource(Map<String, Map<String, Map<String, String>>> values) {
    this.credentials =
        values.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    integration -> slots(integration.getKey(), integration.getValue())));
    log.warn(
        "credentials come from plain configuration (dev-only credential source) for {} integration(s);"
            + " do not use this in production",
        credentials.size());
  }

  private static Map<String, Credential> slots(
      String integrationId, Map<String, Map<String, String>> slots) {
    return slots.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                slot -> {
                  Credential.Builder builder = Credential.builder(integrationId, slot.getKey());
                  slot.getValue()
                      .forEach((field, value) -> builder.field(field, value.toCharArray()));
                  return builder.build();
                }));
  }

  @Override
  public Credential credential(String integrationId, String slot, CredentialPurpose purpose) {
    Credential stored = credentials.getOrDefault(integrationId, Map.of()).get(slot);
    if (stored == null) {
      throw new MissingCredentialException(
          integrationId,
          slot,
          "integration '%s' has no credential in slot '%s' (needed for %s); with the dev-only source set microworks.dev-credentials.%s.%s.<field>"
              .formatted(integrationId, slot, purpose, integrationId, slot));
    }
    Credential.Builder copy = Credential.builder(integrationId, slot);
    for (String field : stored.fieldNames()) {
      char[] value = stored.field(field);
      copy.field(field, value);
      java.util.Arrays.fill(value, '\0');
    }
    return copy.build();
  }

  @Override
  public String toString() {
    return "DevOnlyCredentialSource[integrations=" + credentials.keySet() + "]";
  }
}
