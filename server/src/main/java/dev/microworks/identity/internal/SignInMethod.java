package dev.microworks.identity.internal;

/** What proved a request's identity. */
enum SignInMethod {
  /** The sign-in form with a local password; then a session. */
  PASSWORD(true),
  /** OpenID Connect (authorization code + PKCE); then a session. */
  OIDC(true),
  /** An LDAP / Active Directory bind through the sign-in form; then a session. */
  LDAP(true),
  /** A personal access token, on each request. */
  ACCESS_TOKEN(false),
  /** The bootstrap admin token, on each request. */
  BOOTSTRAP_TOKEN(false);

  private final boolean session;

  SignInMethod(boolean session) {
    this.session = session;
  }

  /** Whether the authentication lives in an HTTP session (and so needs CSRF protection). */
  boolean session() {
    return session;
  }
}
