package dev.microworks.wallet.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.prf.HmacPrfKey;
import com.google.crypto.tink.prf.HmacPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.PrfHmacJce;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * The only two primitives the wallet uses, built by Tink: AES-256-GCM (12-byte random nonce
 * prepended, 16-byte tag appended, no Tink key-id prefix) and HMAC-SHA256 as a PRF.
 */
final class TinkKeys {

  static final int KEY_BYTES = 32;

  private static final AesGcmParameters AES_256_GCM;
  private static final HmacPrfParameters HMAC_SHA256;

  static {
    try {
      AES_256_GCM =
          AesGcmParameters.builder()
              .setKeySizeBytes(KEY_BYTES)
              .setIvSizeBytes(12)
              .setTagSizeBytes(16)
              .setVariant(AesGcmParameters.Variant.NO_PREFIX)
              .build();
      HMAC_SHA256 =
          HmacPrfParameters.builder()
              .setKeySizeBytes(KEY_BYTES)
              .setHashType(HmacPrfParameters.HashType.SHA256)
              .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TinkKeys() {}

  /** A fresh random 256-bit key. */
  static SecretBytes newKey() {
    return SecretBytes.randomBytes(KEY_BYTES);
  }

  static SecretBytes key(byte[] raw) {
    return SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
  }

  static byte[] raw(SecretBytes key) {
    return key.toByteArray(InsecureSecretKeyAccess.get());
  }

  static Aead aesGcm(SecretBytes key) {
    try {
      return AesGcmJce.create(
          AesGcmKey.builder().setParameters(AES_256_GCM).setKeyBytes(key).build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is available in every Java 17 runtime", e);
    }
  }

  static Prf hmacSha256(SecretBytes key) {
    try {
      return PrfHmacJce.create(
          HmacPrfKey.builder().setParameters(HMAC_SHA256).setKeyBytes(key).build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is available in every Java 17 runtime", e);
    }
  }
}
