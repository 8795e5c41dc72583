package dev.microworks.wallet;

/**
 * What a stored secret is; fixes the one {@link Purpose} it may be decrypted for and what its owner
 * names.
 */
public enum CredentialKind {
  /** A service account of an integration; owner = integration id, slot = the spec's slot name. */
  SERVICE_ACCOUNT(Purpose.SYNC),
  /** A user's OAuth tokens for an integration; owner = user id, slot = integration id. */
  USER_TOKEN(Purpose.ACTION),
  /** A user's TOTP seed; owner = user id, slot = {@code totp}. */
  TOTP_SEED(Purpose.MFA),
  /**
   * A user's incoming-webhook URL for a notification channel (the URL is the secret); owner = user
   * id, slot = the channel ({@code slack}, {@code teams}).
   */
  WEBHOOK(Purpose.NOTIFY),
  /** The tenant's data-cache keys; owner = {@code cache}. */
  CACHE_KEY(Purpose.CACHE);

  private final Purpose purpose;

  CredentialKind(Purpose purpose) {
    this.purpose = purpose;
  }

  /** The only purpose this kind is decrypted for. */
  public Purpose purpose() {
    return purpose;
  }
}
