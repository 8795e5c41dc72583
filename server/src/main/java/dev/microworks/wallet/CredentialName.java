package dev.microworks.wallet;

import java.util.Objects;

/**
 * Names a stored secret within a tenant: its kind, its owner and a slot. Printing it is safe.
 *
 * @param kind what the secret is
 * @param owner whose it is: an integration id for service accounts, a user id for user secrets
 * @param slot which of the owner's secrets of that kind
 */
public record CredentialName(CredentialKind kind, String owner, String slot) {

  public CredentialName {
    Objects.requireNonNull(kind, "kind");
    requireName(owner, "owner");
    requireName(slot, "slot");
  }

  public static CredentialName serviceAccount(String integrationId, String slot) {
    return new CredentialName(CredentialKind.SERVICE_ACCOUNT, integrationId, slot);
  }

  public static CredentialName userToken(String userId, String integrationId) {
    return new CredentialName(CredentialKind.USER_TOKEN, userId, integrationId);
  }

  public static CredentialName totpSeed(String userId) {
    return new CredentialName(CredentialKind.TOTP_SEED, userId, "totp");
  }

  /** A user's webhook URL for {@code channel} ({@code slack}, {@code teams}). */
  public static CredentialName webhook(String userId, String channel) {
    return new CredentialName(CredentialKind.WEBHOOK, userId, channel);
  }

  private static void requireName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > 200) {
      throw new IllegalArgumentException(what + " must be 1 to 200 characters, not blank");
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + owner + "/" + slot;
  }
}
