package dev.microworks.wallet.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code microworks.wallet.*}: which key provider holds the key-encryption keys, and where it finds
 * its key. Secrets (the master key, the PIN) are never properties: they come from environment
 * variables or files, which this class names but never reads into a printable field.
 *
 * @param provider {@code local} (default) or {@code pkcs11}
 * @param local the local provider
 * @param pkcs11 the PKCS#11 provider
 */
@Validated
@ConfigurationProperties("microworks.wallet")
record WalletProperties(String provider, Local local, Pkcs11 pkcs11) {

  WalletProperties {
    provider = provider == null ? LocalKeyProvider.ID : provider;
    local = local == null ? new Local(null) : local;
    pkcs11 = pkcs11 == null ? new Pkcs11(null, null, null) : pkcs11;
  }

  /**
   * @param masterKeyFile a file holding the master key (base64 of 32 random bytes), read when the
   *     environment variable {@code MICROWORKS_WALLET_MASTER_KEY} is not set
   */
  record Local(Path masterKeyFile) {}

  /**
   * @param library the PKCS#11 module ({@code /usr/lib/softhsm/libsofthsm2.so})
   * @param slot the PKCS#11 slot id of the token holding the KEKs (SunPKCS11 selects tokens by
   *     slot, not label; {@code softhsm2-util --show-slots} prints it)
   * @param pinFile a file holding the user PIN, read when the environment variable {@code
   *     MICROWORKS_WALLET_PKCS11_PIN} is not set
   */
  record Pkcs11(Path library, Long slot, Path pinFile) {}
}
