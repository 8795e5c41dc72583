package dev.microworks.wallet;

import dev.microworks.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The credential wallet. Writes are write-only (they return metadata); the one read of a value is
 * {@link #open}, purpose-bound and audited. See the package documentation.
 */
public interface Wallet {

  /**
   * Sets or replaces a secret: encrypts it under a fresh data key wrapped by the tenant's current
   * KEK. Audited as {@code wallet.credential.set}.
   *
   * @param expiresAt when the secret stops being valid, if known
   * @param actor who sets it
   * @throws WalletSealedException if the wallet is sealed
   */
  CredentialInfo put(
      TenantId tenant, CredentialName name, SecretFields fields, Instant expiresAt, String actor);

  /** Deletes a secret; audited. Returns whether there was one. */
  boolean delete(TenantId tenant, CredentialName name, String actor);

  /** Deletes every secret owned by {@code owner} of {@code kind} (an integration's, a user's). */
  int deleteAll(TenantId tenant, CredentialKind kind, String owner, String actor);

  /** Metadata of a secret, if set. Never decrypts. */
  Optional<CredentialInfo> info(TenantId tenant, CredentialName name);

  /** Metadata of every secret of {@code kind} owned by {@code owner} (all owners when null). */
  List<CredentialInfo> list(TenantId tenant, CredentialKind kind, String owner);

  /**
   * Decrypts a secret for {@code access}; audited as {@code wallet.decrypt}, a refusal as {@code
   * wallet.refused}, an envelope that fails authentication as {@code wallet.tamper}. The caller
   * should {@link SecretFields#close() close} the result.
   *
   * @throws CredentialNotFoundException if none is set
   * @throws CredentialAccessDeniedException if {@code access} does not permit it
   * @throws CredentialTamperedException if the envelope does not authenticate
   * @throws KeyVersionRefusedException if it is wrapped by a KEK below the minimum version
   * @throws WalletSealedException if the wallet is sealed
   */
  SecretFields open(TenantId tenant, CredentialName name, Access access);

  /** Whether the wallet can encrypt and decrypt now. */
  WalletState state();
}
