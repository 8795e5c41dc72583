package dev.microworks.wallet.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.prf.Prf;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.CacheKeys;
import dev.microworks.wallet.CredentialKind;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.CredentialNotFoundException;
import dev.microworks.wallet.CredentialTamperedException;
import dev.microworks.wallet.Purpose;
import dev.microworks.wallet.SecretFields;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data cache's keys per tenant, stored in the wallet as the secret {@code cache_key:cache/v1}
 * (three random 256-bit keys) and created once, race-free, on first use. Opened keys stay in
 * memory: the cache uses them for every record.
 */
final class WalletCacheKeys implements CacheKeys {

  static final CredentialName NAME = new CredentialName(CredentialKind.CACHE_KEY, "cache", "v1");
  private static final Access ACCESS = new Access(Purpose.CACHE, "cache");

  private final WalletService wallet;
  private final TransactionTemplate ownTransaction;
  private final Map<TenantId, Keys> opened = new ConcurrentHashMap<>();

  WalletCacheKeys(WalletService wallet, PlatformTransactionManager transactions) {
    this.wallet = wallet;
    // keys are created in a transaction of their own: were they created inside a sync's
    // transaction that then rolled back, this node would go on using keys that were never stored
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public TenantCacheKeys forTenant(TenantId tenant) {
    Keys keys = opened.get(tenant);
    return keys != null ? keys : opened.computeIfAbsent(tenant, this::open);
  }

  private Keys open(TenantId tenant) {
    try {
      return keys(wallet.open(tenant, NAME, ACCESS));
    } catch (CredentialNotFoundException absent) {
      try (SecretFields fresh =
          SecretFields.of(
              Map.of(
                  "payload", newKey(),
                  "hash", newKey(),
                  "index", newKey()))) {
        // a concurrent creator (another node) may have won: then its keys are the ones
        ownTransaction.executeWithoutResult(
            status -> wallet.putIfAbsent(tenant, NAME, fresh, "system"));
      }
      return keys(wallet.open(tenant, NAME, ACCESS));
    }
  }

  private static char[] newKey() {
    byte[] raw = TinkKeys.raw(TinkKeys.newKey());
    try {
      return Base64.getEncoder().encodeToString(raw).toCharArray();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static Keys keys(SecretFields fields) {
    try (fields) {
      return new Keys(
          TinkKeys.aesGcm(TinkKeys.key(decode(fields, "payload"))),
          TinkKeys.hmacSha256(TinkKeys.key(decode(fields, "hash"))),
          TinkKeys.hmacSha256(TinkKeys.key(decode(fields, "index"))));
    }
  }

  private static byte[] decode(SecretFields fields, String name) {
    char[] chars = fields.get(name).orElseThrow();
    try {
      return Base64.getDecoder().decode(new String(chars));
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private record Keys(Aead payload, Prf hash, Prf index) implements TenantCacheKeys {

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      try {
        return payload.encrypt(plaintext, associatedData);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      try {
        return payload.decrypt(ciphertext, associatedData);
      } catch (GeneralSecurityException e) {
        throw new CredentialTamperedException(
            "a cached record does not authenticate for its tenant, integration, table and key");
      }
    }

    @Override
    public byte[] contentHash(byte[] bytes) {
      try {
        return hash.compute(bytes, 32);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC failed", e);
      }
    }

    @Override
    public byte[] blindIndex(String context, String value) {
      byte[] c = context.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      byte[] input = new byte[4 + c.length + v.length];
      input[0] = (byte) (c.length >>> 24);
      input[1] = (byte) (c.length >>> 16);
      input[2] = (byte) (c.length >>> 8);
      input[3] = (byte) c.length;
      System.arraycopy(c, 0, input, 4, c.length);
      System.arraycopy(v, 0, input, 4 + c.length, v.length);
      try {
        return index.compute(input, 32);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC failed", e);
      }
    }

    @Override
    public String toString() {
      return "TenantCacheKeys[AES-256-GCM, HMAC-SHA256 x2]";
    }
  }
}
