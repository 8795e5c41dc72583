package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.testsupport.ApiClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The bootstrap admin token on a real PostgreSQL (one subclass per database): shown once, stored as
 * a hash, required by the API, rotatable. "A later start" is the announcer run again on the same
 * database, as a restart runs it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
@ExtendWith(OutputCaptureExtension.class)
abstract class BootstrapTokenIntegrationTests {

  private static final Pattern TOKEN = Pattern.compile("mwb_[A-Za-z0-9_-]{43}");
  private static final String API = "/api/v1/integrations";

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionOperations transactions;

  @Test
  void theFirstStartShowsTheTokenOnceAndALaterStartOnlySaysItWasIssued(CapturedOutput output) {
    jdbc.sql("DELETE FROM bootstrap_token").update();
    int start = output.getOut().length();

    announcer(false, null).announce();

    String firstStart = output.getOut().substring(start);
    Matcher shown = TOKEN.matcher(firstStart);
    assertThat(shown.find()).as("token in the banner").isTrue();
    String token = shown.group();
    assertThat(firstStart)
        .contains("shown ONCE", "will not be shown again", "Authorization: Bearer " + token);
    assertThat(storedHash()).hasSize(32).isNotEqualTo(token.getBytes());
    assertThat(api(token).get(API).statusCode()).isEqualTo(200);
    int before = output.getOut().length();

    announcer(false, null).announce();

    String laterStart = output.getOut().substring(before);
    assertThat(laterStart).contains(BootstrapTokenAnnouncer.ALREADY_ISSUED);
    assertThat(TOKEN.matcher(laterStart).find()).as("a token in the second start's log").isFalse();
    assertThat(api(token).get(API).statusCode()).as("the token still works").isEqualTo(200);
  }

  @Test
  void rotationWritesANewTokenToTheFileAndTheOldOneStopsWorking(
      CapturedOutput output, @TempDir Path directory) throws IOException {
    Path file = directory.resolve("secrets").resolve("bootstrap-token");
    announcer(true, file).announce();
    String old = Files.readString(file).strip();

    announcer(true, file).announce();

    String current = Files.readString(file).strip();
    assertThat(current).matches(TOKEN).isNotEqualTo(old);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(output.getOut()).contains("rotated", file.toString()).doesNotContain(old, current);
    assertThat(api(old).get(API).statusCode()).isEqualTo(401);
    assertThat(api(current).get(API).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutATokenTheApiAnswers401WithABearerChallengeAndProblemJson() {
    HttpResponse<String> response = api(null).get(API);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(401);
    assertThat(ApiClient.json(response).get("detail").asString()).contains("Bearer mwb_");
  }

  @Test
  void aWrongTokenIs401AndIsNeverEchoed() {
    String wrong = "mwb_" + "A".repeat(43);
    for (HttpResponse<String> response :
        java.util.List.of(
            api(wrong).get(API),
            api(null).send(api(null).request(API).header("Authorization", "Basic d3Jvbmc6YQ==")),
            api("c4n4ry").get(API + "/x"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
      assertThat(response.body()).doesNotContain(wrong, "d3Jvbmc6YQ", "c4n4ry");
      assertThat(ApiClient.json(response).get("title").asString()).isEqualTo("Unauthorized");
    }
  }

  @Test
  void healthInfoMetricsAndTheApiDocumentAreOpenAndEverythingElseIsDeniedOrSignedInFor() {
    ApiClient anonymous = api(null);
    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/info").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);

    HttpResponse<String> home = anonymous.get("/");
    assertThat(home.statusCode()).as("the home page sends to the sign-in page").isEqualTo(302);
    assertThat(home.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    assertThat(anonymous.get("/actuator/env").statusCode()).isEqualTo(403);
    assertThat(anonymous.get("/api/v2/anything").statusCode()).isEqualTo(401);
  }

  @Test
  void onlyOneOfTwoStartsIssuesAndAnIssuedTokenDoesNotPrintItself() {
    jdbc.sql("DELETE FROM bootstrap_token").update();

    var first = tokens.issueIfAbsent();
    var second = tokens.issueIfAbsent();

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    assertThat(first.get().toString()).doesNotContain(first.get().reveal().substring(4));
    assertThat(tokens.matches(first.get().reveal())).isTrue();
    assertThat(tokens.matches(first.get().reveal() + "x")).isFalse();
    assertThat(tokens.matches(null)).isFalse();
  }

  private BootstrapTokenAnnouncer announcer(boolean rotate, Path file) {
    return new BootstrapTokenAnnouncer(
        tokens, new BootstrapTokenProperties(rotate, file, "admin@localhost"), transactions);
  }

  private ApiClient api(String token) {
    return new ApiClient(port, token);
  }

  private byte[] storedHash() {
    return jdbc.sql("SELECT token_hash FROM bootstrap_token").query(byte[].class).single();
  }
}
