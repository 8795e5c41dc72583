package dev.microworks.integration;

import java.util.Objects;

/** No credential (or no such field in it) for an integration's slot. Never carries a value. */
public class MissingCredentialException extends RuntimeException {

  private final String integrationId;
  private final String slot;

  public MissingCredentialException(String integrationId, String slot, String message) {
    super(message);
    this.integrationId = Objects.requireNonNull(integrationId, "integrationId");
    this.slot = Objects.requireNonNull(slot, "slot");
  }

  /** No credential at all in the slot. */
  public static MissingCredentialException noCredential(
      String integrationId, String slot, CredentialPurpose purpose) {
    return new MissingCredentialException(
        integrationId,
        slot,
        "integration '%s' has no credential in slot '%s' (needed for %s); store one in the wallet"
            .formatted(integrationId, slot, purpose));
  }

  public String integrationId() {
    return integrationId;
  }

  public String slot() {
    return slot;
  }
}
