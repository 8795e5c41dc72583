package dev.microworks.demosor;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP tests: one demo SoR on a random port of 127.0.0.1 with a {@link MutableClock},
 * shared by every test class, and a real HTTP client.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "demo-sor.seed.tickets=120"})
@Import(TestClockConfig.class)
abstract class DemoSorTest {

  static final String API_KEY = "demo-api-key";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired MutableClock clock;

  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .cookieHandler(new CookieManager())
          .build();

  String base() {
    return "http://127.0.0.1:" + port;
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String pathOrUrl) {
    return HttpRequest.newBuilder(
        URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl));
  }

  HttpResponse<String> getWithKey(String path) {
    return send(request(path).header("X-API-Key", API_KEY));
  }

  HttpResponse<String> get(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer));
  }

  HttpResponse<String> postWithKey(String path, String json) {
    return send(
        request(path)
            .header("X-API-Key", API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> post(String path, String bearer, String json) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> postForm(
      String path, Map<String, String> form, String basicUser, String basicPassword) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (basicUser != null) {
      String credentials = basicUser + ":" + basicPassword;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return send(request);
  }

  /** A client_credentials token of the sync client. */
  String serviceToken() {
    HttpResponse<String> response =
        postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials", "scope", "read write"),
            "microworks-sync",
            "sync-secret");
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "token request failed: " + response.statusCode() + " " + response.body());
    }
    return json(response).get("access_token").asString();
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
