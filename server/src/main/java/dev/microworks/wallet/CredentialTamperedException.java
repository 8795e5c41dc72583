package dev.microworks.wallet;

/**
 * An envelope failed authentication: it was altered, copied from another credential or re-labelled
 * to another tenant.
 */
public class CredentialTamperedException extends WalletException {

  public CredentialTamperedException(String message) {
    super(message);
  }
}
