package dev.microworks.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.MicroworksApplication;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server process killed with SIGKILL in the middle of a 100,000-record sync, then started again:
 * the next run completes, the cache equals the SoR, and no record version was announced twice.
 */
class SyncCrashRecoveryTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int TICKETS = 100_000;

  @TempDir Path work;

  private final int databasePort = ServerProcess.freePort();
  private final int httpPort = ServerProcess.freePort();

  @Test
  void aSyncKilledMidwayIsCompletedByTheNextRunWithoutAnnouncingAnythingTwice() throws Exception {
    try (DemoSor sor = DemoSor.startPrivate()) {
      sor.generate("tickets", TICKETS);
      String yaml =
          example()
              .replace("http://127.0.0.1:8081", sor.base().toString())
              .replace("page-size: 50", "page-size: 1000");

      String runBeforeCrash;
      try (ServerProcess first = start("first.log")) {
        first.awaitReady(Duration.ofSeconds(90));
        ApiClient api = new ApiClient(httpPort, token());
        assertThat(api.post("/api/v1/integrations", "application/yaml", yaml).statusCode())
            .isEqualTo(201);
        assertThat(
                api.put(
                        "/api/v1/integrations/demo-sor-offset/credentials/demo-sor-service",
                        "application/json",
                        "{\"fields\": {\"clientId\": \"microworks-sync\","
                            + " \"clientSecret\": \"sync-secret\"}}")
                    .statusCode())
            .isEqualTo(200);
        runBeforeCrash =
            runId(
                api.post("/api/v1/integrations/demo-sor-offset/sync?mode=full", "text/plain", ""));
        awaitWritten(2_000_000);
        first.kill();
      }
      assertThat(count("SELECT count(*) FROM cache_record")).as("nothing committed").isZero();

      try (ServerProcess second = start("second.log")) {
        second.awaitReady(Duration.ofSeconds(90));
        ApiClient api = new ApiClient(httpPort, token());
        String run =
            runId(
                api.post("/api/v1/integrations/demo-sor-offset/sync?mode=full", "text/plain", ""));
        JsonNode finished = awaitRun(api, run);
        assertThat(finished.get("status").asString())
            .as(finished.toString())
            .isEqualTo("SUCCEEDED");
        assertThat(
                JSON.readTree(api.get("/api/v1/runs/" + runBeforeCrash).body())
                    .get("status")
                    .asString())
            .isEqualTo("FAILED");

        Map<String, String> inSor = new HashMap<>();
        sor.all("tickets")
            .forEach(t -> inSor.put(t.get("key").asString(), t.get("status").asString()));
        Map<String, String> cached = cachedStatuses(api, "tickets");
        assertThat(cached).hasSize(inSor.size()).isEqualTo(inSor);
        assertNoVersionAnnouncedTwice(api);
        assertThat(second.stop()).isIn(0, 143);
      }
    }
  }

  private ServerProcess start(String log) {
    return ServerProcess.start(
        MicroworksApplication.class.getName(),
        work.resolve(log),
        httpPort,
        List.of(
            "--microworks.database.embedded.data-directory=" + work.resolve("pg"),
            "--microworks.database.embedded.port=" + databasePort,
            "--microworks.identity.bootstrap.token-file=" + work.resolve("token"),
            "--microworks.sync.schedules-enabled=false",
            "--microworks.test.journal=true",
            "--db-scheduler.polling-interval=200ms"));
  }

  private String token() throws IOException {
    return Files.readString(work.resolve("token")).trim();
  }

  private static String runId(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("id").asString();
  }

  private JsonNode awaitRun(ApiClient api, String run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = JSON.readTree(api.get("/api/v1/runs/" + run).body());
      String status = state.get("status").asString();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return state;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("run " + run + " did not finish within 5 minutes");
  }

  /**
   * Waits until the sync's (uncommitted) writes have grown the cache table's file: the rows are
   * invisible to other sessions, the file size is not.
   */
  private void awaitWritten(long bytes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (count("SELECT pg_relation_size('cache_record')") >= bytes) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the sync never wrote " + bytes + " bytes");
  }

  private long count(String sql) throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** The cached records' statuses, read through the API (the cache is encrypted at rest). */
  private Map<String, String> cachedStatuses(ApiClient api, String table) {
    Map<String, String> statuses = new HashMap<>();
    for (int page = 0; ; page++) {
      JsonNode records =
          ApiClient.json(
                  api.get(
                      "/api/v1/integrations/demo-sor-offset/tables/"
                          + table
                          + "/records?size=500&page="
                          + page))
              .get("records");
      if (records.isEmpty()) {
        return statuses;
      }
      records.forEach(
          record ->
              statuses.put(
                  record.get("key").asString(), record.get("data").get("status").asString()));
    }
  }

  /**
   * Every stored RecordsChanged publication, read back: each (table, key, version) once; and none
   * stored in clear.
   */
  private void assertNoVersionAnnouncedTwice(ApiClient api) {
    JsonNode journal = ApiClient.json(api.get("/api/v1/test/journal"));
    assertThat(journal.get("sealed").asInt())
        .as("publications stored sealed")
        .isEqualTo(journal.get("publications").asInt());
    Set<String> seen = new HashSet<>();
    long announced = 0;
    for (JsonNode id : journal.get("announced")) {
      announced++;
      assertThat(seen.add(id.asString())).as("announced twice: " + id.asString()).isTrue();
    }
    assertThat(announced).as("announcements").isGreaterThanOrEqualTo(TICKETS);
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + databasePort + "/microworks", "postgres", "");
  }

  private static String example() throws IOException {
    try (InputStream in =
        SyncCrashRecoveryTests.class.getResourceAsStream("/integrations/demo-sor-offset.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
