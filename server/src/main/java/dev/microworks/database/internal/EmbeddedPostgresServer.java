package dev.microworks.database.internal;

import dev.microworks.database.DatabaseProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL cluster whose data persists in a directory across restarts.
 *
 * <p>Durability: the zonky defaults turn {@code fsync} and {@code synchronous_commit} off (fine for
 * throw-away test databases, not for a product); both are switched back on here. A second server on
 * the same directory fails clearly (PostgreSQL's own lock). After a {@code kill -9}, the orphaned
 * postgres process may still hold the directory: the first start attempt stops it and fails, so the
 * start is retried once.
 */
final class EmbeddedPostgresServer implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String databaseName;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String database) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.databaseName = database;
  }

  static EmbeddedPostgresServer start(DatabaseProperties.Embedded settings) {
    Path directory = settings.dataDirectory().toAbsolutePath().normalize();
    boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(directory);
      postgres = startOnce(settings, directory);
    } catch (IOException first) {
      log.warn(
          "Embedded PostgreSQL did not start on {} ({}); a previous instance may still have held"
              + " the directory. Retrying once.",
          directory,
          first.getMessage());
      try {
        postgres = startOnce(settings, directory);
      } catch (IOException second) {
        second.addSuppressed(first);
        throw new UncheckedIOException(
            "Embedded PostgreSQL could not start with data directory "
                + directory
                + " (set microworks.database.embedded.data-directory to another directory, or stop"
                + " the other server using this one): "
                + second.getMessage(),
            second);
      }
    }
    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(postgres, directory, settings.databaseName());
    server.createDatabaseIfMissing();
    log.info(
        "Database: embedded PostgreSQL {} on 127.0.0.1:{}, database '{}', data in {}{}",
        server.serverVersion(),
        postgres.getPort(),
        settings.databaseName(),
        directory,
        fresh ? " (new cluster)" : "");
    return server;
  }

  private static EmbeddedPostgres startOnce(DatabaseProperties.Embedded settings, Path directory)
      throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(false)
            // Spring stops the server after the connection pool closed; a JVM hook of its own
            // could stop it first, under a pool still in use
            .setRegisterShutdownHook(false)
            .setPGStartupWait(settings.startupTimeout())
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
    if (settings.port() != 0) {
      builder.setPort(settings.port());
    }
    return builder.start();
  }

  /** JDBC URL of the server's database; the server trusts local connections as {@code postgres}. */
  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", databaseName);
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  int port() {
    return postgres.getPort();
  }

  private void createDatabaseIfMissing() {
    DataSource admin = postgres.getPostgresDatabase();
    try (Connection connection = admin.getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, databaseName);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // databaseName is validated as a plain lower-case identifier by DatabaseProperties
        create.execute("CREATE DATABASE " + databaseName);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create database '" + databaseName + "' in embedded PostgreSQL", e);
    }
  }

  private String serverVersion() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      return rows.next() ? rows.getString(1) : "unknown";
    } catch (SQLException e) {
      return "unknown";
    }
  }

  @Override
  public void close() throws IOException {
    log.info("Stopping embedded PostgreSQL (data in {})", dataDirectory);
    postgres.close();
  }
}
