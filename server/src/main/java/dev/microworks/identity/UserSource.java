package dev.microworks.identity;

/** Where an account comes from. */
public enum UserSource {
  /** Created here, with a password stored here (Argon2id). */
  LOCAL,
  /** Provisioned at its first OpenID Connect sign-in; the provider checks the password. */
  OIDC,
  /** Provisioned at its first LDAP / Active Directory bind; the directory checks the password. */
  LDAP
}
