package dev.microworks.integration;

/** Why a secret is being read; the wallet grants and audits decryption per purpose. */
public enum CredentialPurpose {
  /** A service-account secret used to sync data from a system of record. */
  SYNC,
  /** One user's own token, used to execute an action as that user. */
  ACTION
}
