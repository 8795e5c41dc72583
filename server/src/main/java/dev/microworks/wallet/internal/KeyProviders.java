package dev.microworks.wallet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Function;

/** Builds the non-default key providers from their properties. */
final class KeyProviders {

  private KeyProviders() {}

  /**
   * The configured {@code pkcs11} provider. The PIN comes from {@value
   * Pkcs11KeyProvider#PIN_VARIABLE} or the PIN file; a missing library or token seals the wallet
   * (with the reason) rather than stopping the start, but missing settings stop it.
   */
  static KeyProvider pkcs11(
      WalletProperties properties, Function<String, String> environment, Clock clock) {
    if (!Pkcs11KeyProvider.ID.equals(properties.provider())) {
      throw new IllegalStateException(
          "microworks.wallet.provider must be 'local' or 'pkcs11', not '"
              + properties.provider()
              + "'");
    }
    WalletProperties.Pkcs11 pkcs11 = properties.pkcs11();
    if (pkcs11.library() == null || pkcs11.slot() == null) {
      throw new IllegalStateException(
          "microworks.wallet.provider=pkcs11 needs microworks.wallet.pkcs11.library (the PKCS#11"
              + " module) and microworks.wallet.pkcs11.slot (the token's slot id); see"
              + " docs/wallet-pkcs11.md");
    }
    char[] pin = pin(pkcs11, environment);
    try {
      return new Pkcs11KeyProvider(pkcs11.library(), pkcs11.slot(), pin, clock);
    } finally {
      java.util.Arrays.fill(pin, '\0');
    }
  }

  private static char[] pin(WalletProperties.Pkcs11 pkcs11, Function<String, String> environment) {
    String fromEnvironment = environment.apply(Pkcs11KeyProvider.PIN_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return fromEnvironment.toCharArray();
    }
    if (pkcs11.pinFile() != null) {
      try {
        return Files.readString(pkcs11.pinFile(), StandardCharsets.UTF_8).strip().toCharArray();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the PKCS#11 PIN file " + pkcs11.pinFile() + " cannot be read", e);
      }
    }
    throw new IllegalStateException(
        "microworks.wallet.provider=pkcs11 needs the token's user PIN in the environment variable "
            + Pkcs11KeyProvider.PIN_VARIABLE
            + " or in the file named by microworks.wallet.pkcs11.pin-file");
  }
}
