package dev.microworks.notify.internal;

import dev.microworks.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fans live feed updates out to every node over PostgreSQL {@code LISTEN/NOTIFY} (channel {@value
 * #CHANNEL}). A notification carries ids only — kind, tenant, user, card, state — never content:
 * the node holding the user's stream reads the card itself. Sent inside the transaction that wrote
 * the cards, so PostgreSQL delivers it only if that commits; each node, the sender included, passes
 * what it hears to its {@link LiveFeed}.
 */
@Component
class FeedBus implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FeedBus.class);
  static final String CHANNEL = "microworks_feed";

  /** Below PostgreSQL's 8000-byte payload limit. */
  static final int MAX_PAYLOAD = 7000;

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final LiveFeed live;
  private volatile boolean running;
  private Thread listener;

  FeedBus(JdbcTemplate jdbc, DataSource dataSource, LiveFeed live) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.live = live;
  }

  /** One update: a new card, an expired one, or a state another session set. */
  record Update(char kind, TenantId tenant, UUID user, UUID card, String state) {

    String encode() {
      return kind + "|" + tenant.value() + "|" + user + "|" + card + "|" + state;
    }

    static Update decode(String line) {
      String[] parts = line.split("\\|", 5);
      return new Update(
          parts[0].charAt(0),
          new TenantId(UUID.fromString(parts[1])),
          UUID.fromString(parts[2]),
          UUID.fromString(parts[3]),
          parts[4]);
    }
  }

  /** Sends updates; within a transaction they are delivered when (and if) it commits. */
  void send(List<Update> updates) {
    if (updates.isEmpty()) {
      return;
    }
    StringBuilder payload = new StringBuilder();
    for (Update update : updates) {
      String line = update.encode();
      if (payload.length() + line.length() + 1 > MAX_PAYLOAD) {
        notify(payload.toString());
        payload.setLength(0);
      }
      if (payload.length() > 0) {
        payload.append('\n');
      }
      payload.append(line);
    }
    notify(payload.toString());
  }

  private void notify(String payload) {
    jdbc.query("SELECT pg_notify(?, ?)", row -> {}, CHANNEL, payload);
  }

  @Override
  public void start() {
    running = true;
    listener = new Thread(this::listen, "feed-bus-listener");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        log.debug("Listening to {}", CHANNEL);
        while (running) {
          PGNotification[] notifications = postgres.getNotifications(1000);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            deliver(notification.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn(
              "Live feed updates from other nodes paused ({}); listening again in 1 s",
              e.getClass().getSimpleName());
          sleep();
        }
      }
    }
  }

  private void deliver(String payload) {
    List<Update> updates = new ArrayList<>();
    for (String line : payload.split("\n")) {
      try {
        updates.add(Update.decode(line));
      } catch (RuntimeException malformed) {
        log.debug("Ignored a malformed live feed update");
      }
    }
    for (Update update : updates) {
      try {
        live.deliver(update);
      } catch (RuntimeException e) {
        log.warn("A live feed update could not be delivered: {}", e.getClass().getSimpleName());
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
