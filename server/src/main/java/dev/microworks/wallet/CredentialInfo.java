package dev.microworks.wallet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What may be known about a stored secret: everything but its value.
 *
 * @param id the credential's id (bound into its envelope)
 * @param name kind, owner and slot
 * @param fieldNames the names of its fields ({@code username}, {@code password}...)
 * @param keyVersion the KEK version wrapping its data key
 * @param setAt when it was last set
 * @param setBy who set it
 * @param lastUsedAt when it was last decrypted, if ever
 * @param expiresAt when it stops being valid, if known (an OAuth token's expiry)
 */
public record CredentialInfo(
    UUID id,
    CredentialName name,
    List<String> fieldNames,
    int keyVersion,
    Instant setAt,
    String setBy,
    Instant lastUsedAt,
    Instant expiresAt) {

  public CredentialInfo {
    fieldNames = List.copyOf(fieldNames);
  }
}
