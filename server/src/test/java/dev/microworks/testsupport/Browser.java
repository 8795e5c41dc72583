package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the server can tell: it keeps the cookies it is given (read from {@code
 * Set-Cookie} and sent back by hand, Secure ones included, which Java's {@code CookieManager} would
 * not send over plain HTTP), picks up the CSRF token from the pages it loads, and does not follow
 * redirects (tests look at them).
 */
public final class Browser {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern FORM_CSRF =
      Pattern.compile(
          "name=\"_csrf\"\\s+value=\"([^\"]+)\"|content=\"([^\"]+)\"\\s*name=\"_csrf\"");
  private static final Pattern META_CSRF =
      Pattern.compile("name=\"_csrf\"\\s+content=\"([^\"]+)\"");

  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  public Browser(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Loads the sign-in page and posts the form with its CSRF token. */
  public HttpResponse<String> signIn(String email, String password) {
    get("/login");
    return post("/login", Map.of("email", email, "password", password));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  /** Posts a form with the CSRF token of the last page loaded. */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.put("_csrf", csrf);
    }
    return postWithoutCsrf(path, fields);
  }

  /** Posts a form as given: no CSRF token added. */
  public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * An API call with the session cookie; unsafe methods carry the CSRF token in {@code
   * X-CSRF-TOKEN} when {@code withCsrf}. {@code body} may be null.
   */
  public HttpResponse<String> api(String method, String path, String json, boolean withCsrf) {
    HttpRequest.Builder request =
        request(path)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (withCsrf && csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return send(request);
  }

  public HttpResponse<String> api(String method, String path, String json) {
    return api(method, path, json, true);
  }

  /** Loads the home page for a fresh CSRF token (a sign-in replaces the token). */
  public String refreshCsrf() {
    get("/");
    return csrf;
  }

  public Optional<String> sessionId() {
    return Optional.ofNullable(cookies.get("JSESSIONID"));
  }

  public String csrfToken() {
    return csrf;
  }

  /** Forgets every cookie (a new browser with the same CSRF memory). */
  public void clearCookies() {
    cookies.clear();
  }

  /** Sends {@code request} with this browser's cookies, and remembers what comes back. */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (String header : setCookies(response)) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String name = pair.substring(0, equals).strip();
      String value = pair.substring(equals + 1).strip();
      boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
      if (expired || value.isEmpty()) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/html")) {
      Matcher meta = META_CSRF.matcher(response.body());
      Matcher form = FORM_CSRF.matcher(response.body());
      if (meta.find()) {
        csrf = meta.group(1);
      } else if (form.find()) {
        csrf = form.group(1) != null ? form.group(1) : form.group(2);
      }
    }
    return response;
  }

  /** The Cookie header this browser sends (for clients that stream, like {@link SseClient}). */
  public String cookieHeader() {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  public static List<String> setCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
