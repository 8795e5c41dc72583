package dev.microworks.wallet.internal;

import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.WalletSealedException;
import java.util.Optional;

/**
 * A source of key-encryption keys (KEKs): one per tenant and version, never leaving the provider in
 * clear. The wallet stores what {@link #createKek} returns beside the version and hands it back to
 * {@link #kek}; a provider whose keys live elsewhere (an HSM) returns an empty array.
 *
 * <p>Implementations are thread-safe. Their {@code toString()} names the provider, never key
 * material, PINs or master keys.
 */
interface KeyProvider {

  /** The stable id stored with every KEK version: {@code local} or {@code pkcs11}. */
  String id();

  /**
   * Why the provider cannot be used right now (no master key, token not present, wrong PIN), or
   * empty when it can. Cheap: may re-check its source at most about once a second, so a key that
   * appears later unseals the wallet without a restart.
   */
  Optional<String> sealedReason();

  /**
   * Creates KEK {@code version} of {@code tenant}.
   *
   * @return what the wallet must store to use it later (a sealed key), or an empty array
   * @throws WalletSealedException if the provider is sealed
   */
  byte[] createKek(TenantId tenant, int version);

  /**
   * The KEK {@code version} of {@code tenant}, given what {@link #createKek} returned for it.
   *
   * @throws WalletSealedException if the provider is sealed
   * @throws java.security.GeneralSecurityException wrapped in {@link KeyUnavailableException} if
   *     the key cannot be found or opened (a wrong master key, a deleted HSM object)
   */
  Kek kek(TenantId tenant, int version, byte[] stored);

  /**
   * The wallet found that the provider's key does not open the stored KEKs (a wrong master key):
   * the provider should forget it and look for its key again (as it does while sealed), so a
   * corrected key is picked up without a restart. No-op by default.
   */
  default void keyRejected(String reason) {}

  /** An AES-256-GCM key-encryption key. */
  interface Kek {

    /** Encrypts a data key; the result carries its own nonce. */
    byte[] wrap(byte[] dataKey, byte[] associatedData);

    /**
     * Decrypts a wrapped data key.
     *
     * @throws java.security.GeneralSecurityException if the ciphertext or associated data was
     *     altered (or belongs to another key)
     */
    byte[] unwrap(byte[] wrapped, byte[] associatedData)
        throws java.security.GeneralSecurityException;
  }
}
