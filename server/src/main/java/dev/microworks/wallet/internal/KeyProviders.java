package dev.microworks.wallet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** The key provider factories, by id. */
final class KeyProviders {

  /** Every provider this server can use. */
  static final List<KeyProviderFactory> FACTORIES =
      List.of(
          new KeyProviderFactory() {
            @Override
            public String id() {
              return LocalKeyProvider.ID;
            }

            @Override
            public KeyProvider create(
                WalletProperties properties, Function<String, String> environment, Clock clock) {
              return new LocalKeyProvider(properties.local().masterKeyFile(), environment, clock);
            }
          },
          new KeyProviderFactory() {
            @Override
            public String id() {
              return Pkcs11KeyProvider.ID;
            }

            @Override
            public KeyProvider create(
                WalletProperties properties, Function<String, String> environment, Clock clock) {
              return pkcs11(properties, environment, clock);
            }
          });

  private KeyProviders() {}

  /** The provider {@code microworks.wallet.provider} names. */
  static KeyProvider create(
      WalletProperties properties, Function<String, String> environment, Clock clock) {
    return FACTORIES.stream()
        .filter(factory -> factory.id().equals(properties.provider()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "microworks.wallet.provider must be one of "
                        + FACTORIES.stream().map(KeyProviderFactory::id).toList()
                        + ", not '"
                        + properties.provider()
                        + "'"))
        .create(properties, environment, clock);
  }

  /**
   * The configured {@code pkcs11} provider. The PIN comes from {@value
   * Pkcs11KeyProvider#PIN_VARIABLE} or the PIN file; a missing library or token seals the wallet
   * (with the reason) rather than stopping the start, but missing settings stop it.
   */
  private static KeyProvider pkcs11(
      WalletProperties properties, Function<String, String> environment, Clock clock) {
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
