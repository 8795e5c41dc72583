package dev.microworks.wallet.internal;

import java.time.Clock;

/** Builds the non-default key providers from their properties. */
final class KeyProviders {

  private KeyProviders() {}

  static KeyProvider pkcs11(WalletProperties properties, Clock clock) {
    throw new IllegalStateException(
        "microworks.wallet.provider must be 'local' or 'pkcs11', not '"
            + properties.provider()
            + "'");
  }
}
