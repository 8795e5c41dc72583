package dev.microworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.testsupport.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a real process on the embedded PostgreSQL, started, stopped,
 * killed and started again on the same data directory.
 */
class ServerProcessTests {

  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private static final Pattern BOOTSTRAP_TOKEN = Pattern.compile("mwb_[A-Za-z0-9_-]{43}");

  @TempDir Path work;

  private final int databasePort = ServerProcess.freePort();
  private final int httpPort = ServerProcess.freePort();

  @Test
  void dataSurvivesAGracefulStopAndAKill() throws Exception {
    UUID tenant = UUID.randomUUID();

    try (ServerProcess first = start("first.log")) {
      first.awaitReady(START_LIMIT);
      assertThat(first.get("/actuator/health")).contains("\"status\":\"UP\"");
      // the log says which database is in use and where, as JSON under the json-logs profile
      assertThat(first.logLines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("{")
                      .contains("\"message\":\"Database: embedded PostgreSQL")
                      .contains("data in " + dataDirectory())
                      .contains("(new cluster)"));
      insertTenant(tenant);
      // the first start on a new database shows the bootstrap admin token, once
      assertThat(first.logLines())
          .filteredOn(line -> BOOTSTRAP_TOKEN.matcher(line).find())
          .singleElement()
          .satisfies(line -> assertThat(line).contains("shown ONCE"));

      assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(first.logLines())
          .anySatisfy(line -> assertThat(line).contains("Stopping embedded PostgreSQL"));
      assertThat(dataDirectory().resolve("postmaster.pid")).doesNotExist();
    }

    try (ServerProcess second = start("second.log")) {
      second.awaitReady(START_LIMIT);
      assertThat(tenantSlug(tenant)).contains("acme");
      assertThat(second.logLines())
          .noneMatch(line -> BOOTSTRAP_TOKEN.matcher(line).find())
          .anySatisfy(
              line ->
                  assertThat(line).containsIgnoringCase("bootstrap admin token already issued"));
      second.kill();
    }
    // the killed server's postgres may still hold the directory: the next start must cope
    try (ServerProcess third = start("third.log")) {
      third.awaitReady(START_LIMIT);
      assertThat(tenantSlug(tenant)).contains("acme");
      assertThat(third.stop()).isIn(0, 143);
    }
  }

  @AfterEach
  void stopOrphanedPostgres() throws Exception {
    Path pid = dataDirectory().resolve("postmaster.pid");
    if (Files.exists(pid)) {
      long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
      ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
    }
  }

  private ServerProcess start(String logName) {
    return ServerProcess.start(
        MicroworksApplication.class.getName(),
        work.resolve(logName),
        httpPort,
        List.of(
            "--spring.profiles.active=json-logs",
            "--microworks.database.embedded.data-directory=" + dataDirectory(),
            "--microworks.database.embedded.port=" + databasePort));
  }

  private Path dataDirectory() {
    return work.resolve("data/pg").toAbsolutePath();
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + databasePort + "/microworks", "postgres", "");
  }

  private void insertTenant(UUID id) throws Exception {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO tenant (id, slug, name) VALUES (?, 'acme', 'Acme Corp')")) {
      insert.setObject(1, id);
      insert.executeUpdate();
    }
  }

  private Optional<String> tenantSlug(UUID id) throws Exception {
    try (Connection connection = connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT slug FROM tenant WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
