package dev.microworks.sync.internal;

import dev.microworks.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One sync at a time per integration, across every server node on the database: a PostgreSQL
 * session-level advisory lock, held on a connection of its own for the whole run. A node that dies
 * loses its connection and with it the lock.
 */
@Component
class IntegrationLock {

  private final DataSource dataSource;

  IntegrationLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The lock, if free; close it to release. */
  Optional<Held> tryLock(TenantId tenant, String integration) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
        lock.setString(1, key(tenant, integration));
        try (ResultSet row = lock.executeQuery()) {
          if (row.next() && row.getBoolean(1)) {
            return Optional.of(new Held(connection, key(tenant, integration)));
          }
        }
      }
      connection.close();
      return Optional.empty();
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("could not take the sync lock of " + integration, e);
    }
  }

  private static String key(TenantId tenant, String integration) {
    return "microworks-sync:" + tenant + ":" + integration;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the connection is broken anyway; the lock went with it
      }
    }
  }

  /** A held lock. */
  static final class Held implements AutoCloseable {
    private final Connection connection;
    private final String key;

    private Held(Connection connection, String key) {
      this.connection = connection;
      this.key = key;
    }

    /**
     * Releases the lock and returns the connection to the pool; if the lock cannot be confirmed
     * released, the connection is aborted instead (ending its session, and the lock with it) rather
     * than pooled while still holding it.
     */
    @Override
    public void close() {
      boolean released = false;
      try (PreparedStatement unlock =
          connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
        unlock.setString(1, key);
        try (ResultSet row = unlock.executeQuery()) {
          released = row.next() && row.getBoolean(1);
        }
      } catch (SQLException e) {
        released = false;
      }
      if (!released) {
        try {
          connection.abort(Runnable::run);
        } catch (SQLException ignored) {
          // aborting is the last resort; the pool drops a broken connection anyway
        }
      }
      closeQuietly(connection);
    }
  }
}
