package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Personal access tokens on a real PostgreSQL (one subclass per database): shown once, stored as a
 * hash, carrying the user's roles, revocable, expiring.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
abstract class AccessTokenIntegrationTests {

  private static final String TOKENS = "/api/v1/me/tokens";

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;

  private Identities identities;

  @BeforeEach
  void identities() {
    identities = new Identities(port, tokens);
  }

  @Test
  void aTokenIsShownOnce_storedOnlyAsItsHash_andAuthenticatesAsItsUserWithTheUsersRoles() {
    String email = Identities.uniqueEmail("pat");
    identities.user(email, "MICROAPP_ADMIN");
    Browser browser = identities.signedIn(email);

    HttpResponse<String> created =
        browser.api("POST", TOKENS, "{\"name\": \"ci\", \"expires_at\": \"2999-01-01T00:00:00Z\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode answer = ApiClient.json(created);
    String token = answer.get("token").asString();
    assertThat(token).matches("mwp_[A-Za-z0-9_-]{43}");
    assertThat(answer.get("expires_at").asString()).isEqualTo("2999-01-01T00:00:00Z");
    // stored: the hash, nothing else that would give the token back
    String id = answer.get("id").asString();
    List<String> rows =
        jdbc.sql(
                "SELECT t::text FROM access_token t WHERE user_id ="
                    + " (SELECT id FROM app_user WHERE email = ?)")
            .param(email)
            .query(String.class)
            .list();
    assertThat(rows)
        .hasSize(1)
        .allSatisfy(row -> assertThat(row).doesNotContain(token.substring(4)));
    assertThat(
            jdbc.sql("SELECT token_hash FROM access_token WHERE id = ?::uuid")
                .param(id)
                .query(byte[].class)
                .single())
        .isEqualTo(Sha256.of(token));
    // listed as metadata only
    HttpResponse<String> listed = browser.api("GET", TOKENS, null);
    assertThat(listed.body()).doesNotContain(token).contains("\"name\":\"ci\"");
    assertThat(ApiClient.json(listed).get(0).propertyNames()).doesNotContain("token", "token_hash");
    // works as the user, with the user's role and not more
    ApiClient api = new ApiClient(port, token);
    assertThat(ApiClient.json(api.get("/api/v1/me")).get("email").asString()).isEqualTo(email);
    assertThat(api.get("/api/v1/integrations").statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/users").statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(api.get(TOKENS)).get(0).get("last_used_at").isNull()).isFalse();
    assertThat(audit.recent(TenantId.DEFAULT, "identity.token.created", 50))
        .filteredOn(e -> e.target().equals(email))
        .singleElement()
        .satisfies(e -> assertThat(e.details().values()).doesNotContain(token));
  }

  @Test
  void aRevokedTokenIs401_andTheAnswerNeverEchoesIt() {
    String email = Identities.uniqueEmail("revoked");
    identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    HttpResponse<String> created = browser.api("POST", TOKENS, "{\"name\": \"old laptop\"}");
    String token = ApiClient.json(created).get("token").asString();
    String id = ApiClient.json(created).get("id").asString();
    ApiClient api = new ApiClient(port, token);
    assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(200);

    assertThat(api.delete(TOKENS + "/" + id).statusCode())
        .as("a token revokes itself")
        .isEqualTo(204);

    HttpResponse<String> refused = api.get("/api/v1/me");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(c -> assertThat(c).contains("invalid_token"));
    assertThat(refused.body()).doesNotContain(token);
    assertThat(browser.api("DELETE", TOKENS + "/" + id, null).statusCode())
        .as("revoked already")
        .isEqualTo(404);
    assertThat(audit.recent(TenantId.DEFAULT, "identity.token.revoked", 50))
        .extracting(AuditEntry::target)
        .contains(email);
  }

  @Test
  void anExpiredTokenIs401_andATokenInThePastCannotBeMade() {
    String email = Identities.uniqueEmail("expired");
    identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    HttpResponse<String> created = browser.api("POST", TOKENS, "{\"name\": \"short-lived\"}");
    String token = ApiClient.json(created).get("token").asString();
    ApiClient api = new ApiClient(port, token);
    assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(200);

    jdbc.sql("UPDATE access_token SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")
        .param(ApiClient.json(created).get("id").asString())
        .update();

    assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(401);
    HttpResponse<String> past =
        browser.api("POST", TOKENS, "{\"name\": \"x\", \"expires_at\": \"2001-01-01T00:00:00Z\"}");
    assertThat(past.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(past).get("problems").toString()).contains("expires_at");
  }

  @Test
  void someoneElsesTokenCannotBeRevoked() {
    String owner = Identities.uniqueEmail("owner");
    String other = Identities.uniqueEmail("other");
    identities.user(owner, "USER");
    identities.user(other, "USER");
    HttpResponse<String> created =
        identities.signedIn(owner).api("POST", TOKENS, "{\"name\": \"mine\"}");
    String id = ApiClient.json(created).get("id").asString();
    String token = ApiClient.json(created).get("token").asString();

    assertThat(identities.signedIn(other).api("DELETE", TOKENS + "/" + id, null).statusCode())
        .isEqualTo(404);
    assertThat(new ApiClient(port, token).get("/api/v1/me").statusCode()).isEqualTo(200);
  }
}
