package dev.microworks.wallet.internal;

import dev.microworks.wallet.WalletException;

/** A key-encryption key exists on record but its provider cannot produce it. */
class KeyUnavailableException extends WalletException {

  KeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
