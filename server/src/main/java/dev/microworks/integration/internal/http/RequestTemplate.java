package dev.microworks.integration.internal.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request, as a value: method, absolute http(s) URI, headers, optional body. Immutable;
 * the {@code with...} methods return changed copies. Credentials are not part of a template: the
 * {@link RequestAuthenticator} adds them when the request is sent, and {@link #toString()} shows
 * header names only and the URL with secret-looking query values redacted.
 */
public final class RequestTemplate {

  /** Headers {@link java.net.http.HttpClient} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String contentType;

  private RequestTemplate(
      String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
  }

  /** A GET of {@code uri}. */
  public static RequestTemplate get(URI uri) {
    return of("GET", uri);
  }

  /**
   * A body-less request; {@code uri} must be absolute (only http and https are ever sent: the
   * {@link SsrfGuard} refuses other schemes).
   */
  public static RequestTemplate of(String method, URI uri) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("request URI must be absolute: " + uri);
    }
    return new RequestTemplate(
        method.toUpperCase(Locale.ROOT), uri.normalize(), Map.of(), null, null);
  }

  public String method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** Header names and values, in insertion order (names as given). */
  public Map<String, String> headers() {
    return headers;
  }

  /** A copy of the body, if there is one. */
  public Optional<byte[]> body() {
    return Optional.ofNullable(body).map(byte[]::clone);
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The same request sent to {@code newUri}. */
  public RequestTemplate withUri(URI newUri) {
    return new RequestTemplate(method, of(method, newUri).uri, headers, body, contentType);
  }

  /** Adds or replaces a header (names compare case-insensitively). */
  public RequestTemplate withHeader(String name, String value) {
    Objects.requireNonNull(value, name);
    if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header '" + name + "' is set by the HTTP client itself");
    }
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    copy.put(name, value);
    return new RequestTemplate(method, uri, Map.copyOf(copy), body, contentType);
  }

  /** Adds or replaces each header. */
  public RequestTemplate withHeaders(Map<String, String> more) {
    RequestTemplate result = this;
    for (Map.Entry<String, String> header : more.entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    return result;
  }

  /** The same request with {@code content} as its body. */
  public RequestTemplate withBody(byte[] content, String type) {
    return new RequestTemplate(
        method,
        uri,
        headers,
        Objects.requireNonNull(content, "content").clone(),
        Objects.requireNonNull(type, "type"));
  }

  /**
   * Sets query parameter {@code name} to {@code value}: the first occurrence is replaced in place,
   * further ones removed, or the parameter appended. Name and value are percent-encoded (UTF-8,
   * space as {@code %20}). Other parameters keep their order and encoding.
   */
  public RequestTemplate withQueryParam(String name, String value) {
    String encoded = encode(name) + "=" + encode(value);
    List<String> kept = new ArrayList<>();
    boolean replaced = false;
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        if (!decode(pair.split("=", 2)[0]).equals(name)) {
          kept.add(pair);
        } else if (!replaced) {
          kept.add(encoded);
          replaced = true;
        }
      }
    }
    if (!replaced) {
      kept.add(encoded);
    }
    return withUri(replaceQuery(uri, String.join("&", kept)));
  }

  /** Adds each entry with {@link #withQueryParam}. */
  public RequestTemplate withQueryParams(Map<String, String> params) {
    RequestTemplate result = this;
    for (Map.Entry<String, String> entry : params.entrySet()) {
      result = result.withQueryParam(entry.getKey(), entry.getValue());
    }
    return result;
  }

  /** The first value of query parameter {@code name}, decoded. */
  public Optional<String> queryParam(String name) {
    return queryParam(uri, name);
  }

  static Optional<String> queryParam(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    return Arrays.stream(raw.split("&"))
        .map(pair -> pair.split("=", 2))
        .filter(kv -> decode(kv[0]).equals(name))
        .map(kv -> kv.length > 1 ? decode(kv[1]) : "")
        .findFirst();
  }

  static URI replaceQuery(URI uri, String rawQuery) {
    StringBuilder text = new StringBuilder();
    text.append(uri.getScheme()).append("://");
    text.append(uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
    text.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (rawQuery != null && !rawQuery.isEmpty()) {
      text.append('?').append(rawQuery);
    }
    if (uri.getRawFragment() != null) {
      text.append('#').append(uri.getRawFragment());
    }
    return URI.create(text.toString());
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RequestTemplate that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && Objects.equals(contentType, that.contentType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body), contentType);
  }

  /** Method, redacted URL and header names; never a header value or the body. */
  @Override
  public String toString() {
    return method
        + " "
        + Redaction.url(uri, Set.of())
        + (headers.isEmpty() ? "" : " headers=" + headers.keySet())
        + (body == null ? "" : " body=" + body.length + " bytes " + contentType);
  }
}
