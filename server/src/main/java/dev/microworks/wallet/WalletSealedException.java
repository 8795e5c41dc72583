package dev.microworks.wallet;

/**
 * The wallet cannot decrypt or encrypt because its key provider is not available (no master key, no
 * HSM token). Syncs and actions fail with it; everything that needs no secret keeps working.
 */
public class WalletSealedException extends WalletException {

  public WalletSealedException(String reason) {
    super("wallet sealed: " + reason);
  }
}
