/**
 * The credential wallet and all key management: envelope encryption of secrets under per-tenant
 * key-encryption keys held by a key provider (a local keyset sealed by a master key, or a PKCS#11
 * HSM), purpose-bound and audited decryption, rotation, and the per-tenant keys of the data cache.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Secrets are stored only as envelopes: a fresh AES-256-GCM data key per secret, wrapped by
 *       the tenant's current KEK; associated data binds each envelope to tenant, credential id,
 *       owner and kind, so a copied or re-labelled envelope does not decrypt (and is audited as
 *       tampering).
 *   <li>A secret is decrypted only for its purpose: {@code SYNC} for an integration's service
 *       account, {@code ACTION} for a user's own token, {@code MFA} for a user's own TOTP seed,
 *       {@code NOTIFY} for a user's own webhook URL. Every decryption and every refusal is audited,
 *       never the value.
 *   <li>Administration is write-only: set, replace and delete return metadata only.
 *   <li>Without its key provider (no master key, no HSM token) the wallet is sealed: operations
 *       needing a key fail with {@link dev.microworks.wallet.WalletSealedException}; health shows
 *       it; nothing else stops.
 *   <li>No class here prints a key or a secret in {@code toString()}, a log line or an error.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Wallet",
    allowedDependencies = {"tenant", "audit"})
package dev.microworks.wallet;
