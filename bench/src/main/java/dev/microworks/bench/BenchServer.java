package dev.microworks.bench;

import dev.microworks.MicroworksApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server under test, in this JVM, on an embedded PostgreSQL data directory of its own, with
 * encryption on (the default), schedules off and quiet logs.
 */
final class BenchServer {

  private BenchServer() {}

  /** Without web layer. */
  static ConfigurableApplicationContext start(Path dataDirectory, Path masterKey) {
    return start(dataDirectory, masterKey, 0);
  }

  /** With the web layer on {@code httpPort} when it is not 0. */
  static ConfigurableApplicationContext start(Path dataDirectory, Path masterKey, int httpPort) {
    List<String> args = new ArrayList<>();
    args.add("--microworks.database.embedded.data-directory=" + dataDirectory);
    args.add("--microworks.wallet.provider=local");
    args.add("--microworks.wallet.local.master-key-file=" + masterKey);
    args.add("--microworks.sync.schedules-enabled=false");
    args.add("--db-scheduler.polling-interval=100ms");
    args.add("--logging.level.root=WARN");
    args.add("--logging.level.dev.microworks=WARN");
    // an admin token of a throwaway database is not worth printing
    args.add("--logging.level.dev.microworks.identity.internal.BootstrapTokenAnnouncer=ERROR");
    args.add("--spring.main.banner-mode=off");
    if (httpPort != 0) {
      args.add("--server.port=" + httpPort);
      args.add("--server.address=127.0.0.1");
    }
    return new SpringApplicationBuilder(MicroworksApplication.class)
        .web(httpPort == 0 ? WebApplicationType.NONE : WebApplicationType.SERVLET)
        .run(args.toArray(String[]::new));
  }

  /**
   * Turns on PostgreSQL's {@code track_commit_timestamp} in a new data directory (a server start,
   * {@code ALTER SYSTEM}, a stop; it takes effect at the next start): then {@code
   * pg_xact_commit_timestamp(xmin)} tells when the transaction that wrote a row committed.
   */
  static void trackCommitTimestamps(Path dataDirectory, Path masterKey) throws Exception {
    try (ConfigurableApplicationContext server = start(dataDirectory, masterKey)) {
      BenchSupport.execute(
          server.getBean(DataSource.class), "ALTER SYSTEM SET track_commit_timestamp = on");
    }
  }
}
