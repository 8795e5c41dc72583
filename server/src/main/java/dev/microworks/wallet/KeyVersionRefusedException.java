package dev.microworks.wallet;

/** The secret is wrapped by a key-encryption key older than the tenant's minimum version. */
public class KeyVersionRefusedException extends WalletException {

  public KeyVersionRefusedException(String message) {
    super(message);
  }
}
