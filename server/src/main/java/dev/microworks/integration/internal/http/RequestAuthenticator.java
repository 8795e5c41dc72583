package dev.microworks.integration.internal.http;

/**
 * Adds credentials to requests for one integration. Instances are thread-safe and shared by all
 * tables of the integration; create them with {@link RequestAuthenticators}. Implementations read
 * secrets from the {@link dev.microworks.integration.CredentialSource} when they need them and
 * report every value they put on the wire in {@link Authenticated#secrets()}.
 */
public interface RequestAuthenticator {

  /** The scheme's stable id, e.g. {@code basic} or {@code oauth2-client-credentials}. */
  String kind();

  /** {@code request} with credentials added. Called before every attempt. */
  Authenticated authenticate(RequestTemplate request, TokenClient tokens);

  /**
   * The API answered 401 to {@code rejected}. Returns true if fresh credentials may help (the
   * engine then retries once); the default, for static credentials, is false.
   */
  default boolean onUnauthorized(Authenticated rejected) {
    return false;
  }
}
