package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ServiceAuthTest extends DemoSorTest {

  @Test
  void aClientCredentialsTokenReadsAndItsWritesAreRecordedAsTheService() {
    String token = serviceToken();

    HttpResponse<String> list = get("/api/offset/tickets?limit=5", token);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).get("items").size()).isEqualTo(5);

    HttpResponse<String> status =
        post("/api/tickets/HD-3/status", token, "{\"status\":\"in_progress\"}");
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    JsonNode history = json(status).get("history");
    assertThat(history.get(history.size() - 1).get("actor").asString())
        .isEqualTo("service:microworks-sync");
    assertThat(json(status).get("status").asString()).isEqualTo("in_progress");
  }

  @Test
  void clientSecretPostWorksAndAWrongSecretIsRefused() {
    HttpResponse<String> post =
        postForm(
            "/oauth2/token",
            Map.of(
                "grant_type", "client_credentials",
                "client_id", "microworks-sync",
                "client_secret", "sync-secret"),
            null,
            null);
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(json(post).get("token_type").asString()).isEqualTo("Bearer");
    assertThat(get("/api/me", json(post).get("access_token").asString()).statusCode())
        .isEqualTo(200);

    HttpResponse<String> wrong =
        postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials"),
            "microworks-sync",
            "not-the-secret");
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void theApiKeyReadsAndWritesAndAWrongKeyGets401() {
    HttpResponse<String> read = getWithKey("/api/tickets/HD-1");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).get("key").asString()).isEqualTo("HD-1");

    HttpResponse<String> me = getWithKey("/api/me");
    assertThat(json(me).get("actor").asString()).isEqualTo("service:api-key");

    HttpResponse<String> wrong = send(request("/api/tickets/HD-1").header("X-API-Key", "guess"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(json(wrong).get("message").asString()).contains("X-API-Key");
  }

  @Test
  void theAdminApiNeedsTheApiKeyEvenWithAValidToken() {
    assertThat(send(request("/admin/faults")).statusCode()).isEqualTo(401);
    assertThat(get("/admin/faults", serviceToken()).statusCode()).isEqualTo(403);
    assertThat(getWithKey("/admin/faults").statusCode()).isEqualTo(200);
  }

  @Test
  void healthIsPublicAndOtherActuatorEndpointsAreNotExposed() {
    HttpResponse<String> health = send(request("/actuator/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asString()).isEqualTo("UP");
    assertThat(send(request("/actuator/env")).statusCode()).isNotEqualTo(200);
  }
}
