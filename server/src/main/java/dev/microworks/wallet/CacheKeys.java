package dev.microworks.wallet;

import dev.microworks.tenant.TenantId;

/**
 * The keys of the data cache per tenant: one AES-256-GCM payload key and two HMAC-SHA256 keys
 * (content hash, blind index), created on first use and stored in the wallet wrapped by the
 * tenant's KEK like any secret. Held in memory once opened.
 */
public interface CacheKeys {

  /**
   * The tenant's cache keys.
   *
   * @throws WalletSealedException if the wallet is sealed and they were not opened before
   */
  TenantCacheKeys forTenant(TenantId tenant);

  /** The operations on one tenant's cache keys; thread-safe. */
  interface TenantCacheKeys {

    /** AES-256-GCM with a random nonce: nonce(12) | ciphertext | tag(16). */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts what {@link #encrypt} made for the same associated data.
     *
     * @throws CredentialTamperedException if it does not authenticate
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData);

    /** HMAC-SHA256 of a payload with the tenant's content-hash key (32 bytes). */
    byte[] contentHash(byte[] payload);

    /** HMAC-SHA256 with the tenant's blind-index key of {@code context} and {@code value}. */
    byte[] blindIndex(String context, String value);
  }
}
