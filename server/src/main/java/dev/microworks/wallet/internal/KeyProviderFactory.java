package dev.microworks.wallet.internal;

import java.time.Clock;
import java.util.function.Function;

/**
 * Makes the key provider with a stable id ({@code local}, {@code pkcs11}) from the wallet's
 * settings; the id chosen by {@code microworks.wallet.provider} is stored with every KEK version,
 * so a KEK is never handed to another provider.
 */
interface KeyProviderFactory {

  /** The id of the providers this factory makes. */
  String id();

  /**
   * A provider configured from {@code properties}; secrets (master key, PIN) are read from {@code
   * environment} or files, never from properties.
   *
   * @throws IllegalStateException naming the missing setting if the configuration is incomplete
   */
  KeyProvider create(
      WalletProperties properties, Function<String, String> environment, Clock clock);
}
