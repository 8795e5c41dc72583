package dev.microworks.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL server for the database suites, named by environment variables ({@code .ci/run}
 * sets them after starting PostgreSQL 15):
 *
 * <ul>
 *   <li>{@value #URL_VARIABLE}: JDBC URL of a maintenance database, e.g. {@code
 *       jdbc:postgresql://127.0.0.1:5432/postgres};
 *   <li>{@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}: a role allowed to create
 *       databases.
 * </ul>
 *
 * Each suite gets a database of its own, so runs never see each other's data; databases left by
 * earlier runs are dropped when a new one is made.
 */
public final class ExternalPostgres {

  public static final String URL_VARIABLE = "MICROWORKS_TEST_PG_URL";
  public static final String USER_VARIABLE = "MICROWORKS_TEST_PG_USER";
  public static final String PASSWORD_VARIABLE = "MICROWORKS_TEST_PG_PASSWORD";
  private static final String PREFIX = "mw_test_";

  /** Connection settings of one fresh database. Holds a password, so it is no record. */
  public static final class Database {
    private final String url;
    private final String user;
    private final String password;

    Database(String url, String user, String password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    public String url() {
      return url;
    }

    public String user() {
      return user;
    }

    public String password() {
      return password;
    }

    @Override
    public String toString() {
      return url + " as " + user;
    }
  }

  private ExternalPostgres() {}

  /** Skips or fails the calling suite unless an external PostgreSQL is configured and reachable. */
  public static void require(String suite) {
    Optional<String> problem = problem();
    Prerequisites.require(
        problem.isEmpty(),
        suite,
        problem.orElse("")
            + " Install and start PostgreSQL 15 (apt-get install postgresql-15; pg_ctlcluster 15"
            + " main start), create a role with CREATEDB, and set "
            + URL_VARIABLE
            + ", "
            + USER_VARIABLE
            + " and "
            + PASSWORD_VARIABLE
            + " — .ci/run does all of this.");
  }

  private static Optional<String> problem() {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.of(URL_VARIABLE + " is not set.");
    }
    try (Connection ignored = connect(url)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("PostgreSQL at " + url + " is not reachable (" + e.getMessage() + ").");
    }
  }

  /** Creates a new, empty database on the external server. */
  public static Database createDatabase() {
    String admin = System.getenv(URL_VARIABLE);
    String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = connect(admin);
        Statement statement = connection.createStatement()) {
      for (String stale : staleDatabases(statement)) {
        statement.execute("DROP DATABASE IF EXISTS " + stale + " WITH (FORCE)");
      }
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database on " + admin, e);
    }
    String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    return new Database(url, System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE));
  }

  private static List<String> staleDatabases(Statement statement) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT datname FROM pg_database WHERE datname LIKE '"
                + PREFIX
                + "%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname ="
                + " pg_database.datname)")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(
        url, System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE));
  }
}
