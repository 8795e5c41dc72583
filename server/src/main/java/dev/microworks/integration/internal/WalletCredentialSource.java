package dev.microworks.integration.internal;

import dev.microworks.integration.Credential;
import dev.microworks.integration.CredentialPurpose;
import dev.microworks.integration.CredentialSource;
import dev.microworks.integration.MissingCredentialException;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.CredentialNotFoundException;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Service-account secrets from the wallet, decrypted for {@code SYNC} by the integration itself.
 *
 * <p>An authenticator reads its secret for every request; so that a sync of a thousand pages is one
 * audited decryption rather than a thousand, a decrypted secret is kept in memory for {@link #HOLD}
 * and dropped at once when it is replaced or deleted through this node (another node sees the
 * change within {@link #HOLD}).
 */
@Component
class WalletCredentialSource implements CredentialSource {

  static final Duration HOLD = Duration.ofSeconds(60);

  private final Wallet wallet;
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  WalletCredentialSource(Wallet wallet, Optional<Clock> clock) {
    this.wallet = wallet;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public Credential credential(String integrationId, String slot, CredentialPurpose purpose) {
    if (purpose != CredentialPurpose.SYNC) {
      throw new IllegalArgumentException(
          "service-account slots are read for SYNC only; a user's token is read by the action"
              + " module as that user");
    }
    String cacheKey = integrationId + "\u0000" + slot;
    Instant now = clock.instant();
    Held entry = held.get(cacheKey);
    if (entry == null || now.isAfter(entry.until())) {
      try {
        entry =
            new Held(
                wallet.open(
                    TenantId.DEFAULT,
                    CredentialName.serviceAccount(integrationId, slot),
                    Access.sync(integrationId)),
                now.plus(HOLD));
      } catch (CredentialNotFoundException e) {
        throw new MissingCredentialException(
            integrationId,
            slot,
            "credential slot '%s' of integration '%s' is not set: PUT /api/v1/integrations/%s/credentials/%s"
                .formatted(slot, integrationId, integrationId, slot));
      }
      held.put(cacheKey, entry);
    }
    Credential.Builder builder = Credential.builder(integrationId, slot);
    Map<String, char[]> values = entry.fields().copy();
    try {
      values.forEach(builder::field);
      return builder.build();
    } finally {
      values.values().forEach(value -> Arrays.fill(value, '\0'));
    }
  }

  /** Drops what is held for an integration (its credentials changed or it was deleted). */
  void forget(String integrationId) {
    // not wiped here: a sync may be copying from it right now; the collector reclaims it
    held.keySet().removeIf(key -> key.startsWith(integrationId + "\u0000"));
  }

  private record Held(SecretFields fields, Instant until) {}
}
