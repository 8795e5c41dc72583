package dev.microworks.integration;

/**
 * The one way the integration module obtains a secret. The wallet module implements it; until it
 * does, a dev-only implementation reads plain configuration.
 *
 * <p>Guarantees: each call returns a fresh {@link Credential} owned by the caller, who may {@link
 * Credential#close() wipe} it after use. A missing credential is a {@link
 * MissingCredentialException} naming the integration and the slot, never {@code null}.
 */
public interface CredentialSource {

  /**
   * Returns the credential stored for {@code integrationId} in {@code slot}, for {@code purpose}.
   *
   * @throws MissingCredentialException if there is none
   */
  Credential credential(String integrationId, String slot, CredentialPurpose purpose);
}
