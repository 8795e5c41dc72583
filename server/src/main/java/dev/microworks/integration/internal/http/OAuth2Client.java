package dev.microworks.integration.internal.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OAuth 2.0 token endpoint and how this integration's client uses it.
 *
 * @param tokenUri the token endpoint (passes the SSRF guard like any request)
 * @param clientAuthentication client id and secret in a Basic header or in the form body
 * @param scopes requested scopes, sent space-separated; none sends no {@code scope}
 * @param extraParameters further form parameters (e.g. {@code audience})
 */
public record OAuth2Client(
    URI tokenUri,
    ClientAuthentication clientAuthentication,
    List<String> scopes,
    Map<String, String> extraParameters) {

  /** RFC 6749 section 2.3.1. */
  public enum ClientAuthentication {
    /** {@code Authorization: Basic base64(urlencode(id):urlencode(secret))}. */
    BASIC_HEADER,
    /** {@code client_id} and {@code client_secret} form parameters. */
    FORM_BODY
  }

  public OAuth2Client {
    Objects.requireNonNull(tokenUri, "tokenUri");
    Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    scopes = List.copyOf(scopes);
    extraParameters = Map.copyOf(extraParameters);
  }

  public OAuth2Client(
      URI tokenUri, ClientAuthentication clientAuthentication, List<String> scopes) {
    this(tokenUri, clientAuthentication, scopes, Map.of());
  }
}
