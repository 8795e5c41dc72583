package dev.microworks.wallet;

/** A wallet operation failed. Messages name credentials and keys, never secret values. */
public class WalletException extends RuntimeException {

  public WalletException(String message) {
    super(message);
  }

  public WalletException(String message, Throwable cause) {
    super(message, cause);
  }
}
