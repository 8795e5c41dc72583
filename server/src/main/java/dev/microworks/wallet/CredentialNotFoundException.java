package dev.microworks.wallet;

/** No secret is stored under the name. */
public class CredentialNotFoundException extends WalletException {

  public CredentialNotFoundException(String message) {
    super(message);
  }
}
