package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserOAuthFlowTest extends DemoSorTest {

  @Test
  void aliceLogsInWithPkceAndHerCommentIsRecordedAsHers() {
    UserLogin.Tokens tokens = new UserLogin(this).login("alice", "demo");

    HttpResponse<String> comment =
        post("/api/tickets/HD-5/comments", tokens.accessToken(), "{\"body\":\"On it, alice\"}");
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
    assertThat(json(comment).get("author").asString()).isEqualTo("alice@demo.microworks.dev");

    JsonNode ticket = json(get("/api/tickets/HD-5", tokens.accessToken()));
    JsonNode history = ticket.get("history");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.get("actor").asString()).isEqualTo("alice");
    assertThat(last.get("action").asString()).isEqualTo("commented");
    JsonNode comments = ticket.get("comments");
    assertThat(comments.get(comments.size() - 1).get("body").asString()).isEqualTo("On it, alice");
  }

  @Test
  void theRefreshTokenYieldsAWorkingAccessTokenAndTokensStopWorkingAfterTheirLifetime() {
    UserLogin.Tokens tokens = new UserLogin(this).login("bob", "demo");

    HttpResponse<String> refreshed =
        postForm(
            "/oauth2/token",
            Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()),
            UserLogin.CLIENT_ID,
            UserLogin.CLIENT_SECRET);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    String newAccess = json(refreshed).get("access_token").asString();
    assertThat(newAccess).isNotEqualTo(tokens.accessToken());
    HttpResponse<String> me = get("/api/me", newAccess);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(json(me).get("actor").asString()).isEqualTo("bob");

    clock.advance(Duration.ofMinutes(6));

    HttpResponse<String> expired = get("/api/me", newAccess);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
    assertThat(json(expired).get("message").asString()).contains("expired");
  }

  @Test
  void aGarbageTokenOrNoCredentialsGet401() {
    HttpResponse<String> garbage = get("/api/offset/tickets", "not-a-token");
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(garbage.headers().firstValue("WWW-Authenticate")).isPresent();

    HttpResponse<String> anonymous = send(request("/api/offset/tickets"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(json(anonymous).get("error").asString()).isEqualTo("unauthorized");
  }

  @Test
  void anAuthorizeRequestWithoutPkceIsRefused() {
    UserLogin browser = new UserLogin(this);
    browser.login("carol", "demo");

    HttpResponse<String> response = browser.browse(browser.authorizeUrl(null));

    assertThat(response.statusCode()).isEqualTo(302);
    String location = UserLogin.location(response);
    assertThat(location)
        .startsWith(UserLogin.REDIRECT_URI)
        .contains("error=invalid_request")
        .contains("code_challenge")
        .doesNotContain("code=");
  }

  @Test
  void aWrongPasswordSendsTheBrowserBackToTheLoginPage() {
    UserLogin browser = new UserLogin(this);

    HttpResponse<String> response = browser.submitLogin("alice", "wrong");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(UserLogin.location(response)).contains("/login?error");
  }
}
