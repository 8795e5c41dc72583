package dev.microworks.wallet;

/** The declared access does not permit decrypting the secret (wrong purpose or not its owner). */
public class CredentialAccessDeniedException extends WalletException {

  public CredentialAccessDeniedException(String message) {
    super(message);
  }
}
