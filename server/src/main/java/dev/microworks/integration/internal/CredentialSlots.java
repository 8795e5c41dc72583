package dev.microworks.integration.internal;

import dev.microworks.integration.Credential;
import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.SecuritySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credential slots a spec declares and the fields each needs, derived from its security
 * settings: what an administrator must fill in before the integration can sync.
 */
final class CredentialSlots {

  /**
   * One slot.
   *
   * @param name the slot's name in the spec
   * @param usedFor {@code service account} or {@code user authorization (OAuth client)}
   * @param required fields that must be given
   * @param optional fields that may be given
   */
  record Slot(String name, String usedFor, List<String> required, List<String> optional) {

    /** Every field this slot accepts. */
    Set<String> accepted() {
      Set<String> all = new java.util.TreeSet<>(required);
      all.addAll(optional);
      return all;
    }
  }

  private CredentialSlots() {}

  /** The spec's slots by name, in the order the spec declares them. */
  static Map<String, Slot> of(IntegrationSpec spec) {
    Map<String, Slot> slots = new LinkedHashMap<>();
    service(spec.serviceSecurity(), slots);
    spec.userSecurity()
        .ifPresent(
            user ->
                slots.putIfAbsent(
                    user.credential(),
                    new Slot(
                        user.credential(),
                        "user authorization (OAuth 2.0 client)",
                        List.of(Credential.CLIENT_ID),
                        List.of(Credential.CLIENT_SECRET))));
    return slots;
  }

  private static void service(SecuritySpec security, Map<String, Slot> slots) {
    String use = "service account";
    if (security instanceof SecuritySpec.Basic basic) {
      put(slots, basic.credential(), use, List.of(Credential.USERNAME, Credential.PASSWORD));
    } else if (security instanceof SecuritySpec.ApiKey key) {
      put(slots, key.credential(), use, List.of(Credential.KEY));
    } else if (security instanceof SecuritySpec.ApiKeys keys) {
      keys.keys().forEach(key -> put(slots, key.credential(), use, List.of(Credential.KEY)));
    } else if (security instanceof SecuritySpec.Bearer bearer) {
      put(slots, bearer.credential(), use, List.of(Credential.TOKEN));
    } else if (security instanceof SecuritySpec.OAuth2ClientCredentials oauth) {
      slots.put(
          oauth.credential(),
          new Slot(
              oauth.credential(),
              use,
              List.of(Credential.CLIENT_ID, Credential.CLIENT_SECRET),
              List.of()));
    } else if (security instanceof SecuritySpec.OAuth2RefreshToken oauth) {
      slots.put(
          oauth.credential(),
          new Slot(
              oauth.credential(),
              use,
              List.of(Credential.CLIENT_ID, Credential.REFRESH_TOKEN),
              List.of(Credential.CLIENT_SECRET)));
    } else if (security instanceof SecuritySpec.OAuth2Password oauth) {
      slots.put(
          oauth.credential(),
          new Slot(
              oauth.credential(),
              use,
              List.of(Credential.CLIENT_ID, Credential.USERNAME, Credential.PASSWORD),
              List.of(Credential.CLIENT_SECRET)));
    }
  }

  private static void put(Map<String, Slot> slots, String name, String use, List<String> fields) {
    slots.put(name, new Slot(name, use, fields, List.of()));
  }
}
