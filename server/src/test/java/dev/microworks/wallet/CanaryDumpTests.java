package dev.microworks.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microworks.cache.CachedRecord;
import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.TableRef;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.OnEmbeddedPostgres;
import dev.microworks.testsupport.Prerequisites;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plants 50 canary secrets, tokens and seeds in the wallet and 20 canary values in synced records
 * (with the publication registry storing every change event), then dumps the whole database with
 * {@code pg_dump}: no canary may appear in it.
 */
@OnEmbeddedPostgres
@SpringBootTest(
    properties = {"microworks.sync.schedules-enabled=false", "microworks.test.journal=true"})
class CanaryDumpTests {

  static final Path PG_DUMP = Path.of("/usr/lib/postgresql/15/bin/pg_dump");

  @Autowired Wallet wallet;
  @Autowired DataCache cache;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @BeforeAll
  static void requirePgDump() {
    Prerequisites.require(
        Files.isExecutable(PG_DUMP),
        "CanaryDumpTests",
        PG_DUMP + " is missing: apt-get install postgresql-15 (.ci/run does)");
  }

  @Test
  void aDumpOfTheDatabaseHoldsNoCanaryInClear() throws Exception {
    List<String> canaries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      put(
          CredentialName.serviceAccount("canary-int-" + i, "service"),
          Map.of("username", canary(canaries), "password", canary(canaries)));
      put(
          CredentialName.userToken("user-" + i, "canary-int"),
          Map.of("accessToken", canary(canaries), "refreshToken", canary(canaries)));
      put(CredentialName.totpSeed("user-" + i), Map.of("seed", canary(canaries)));
    }
    assertThat(canaries).hasSize(50);

    TableRef table = new TableRef(TenantId.DEFAULT, "canary-int", "tickets");
    List<IncomingRecord> records = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String title = canary(canaries);
      String email = canary(canaries).toLowerCase() + "@example.com";
      emails.add(email);
      records.add(
          new IncomingRecord(
              "T-" + i,
              "{\"title\": \"" + title + "\", \"assignee_email\": \"" + email + "\"}",
              null,
              Map.of("assignee_email", List.of(email))));
    }
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              try (DataCache.FullSync sync = cache.beginFullSync(table, UUID.randomUUID())) {
                sync.stage(records);
                sync.commit(true);
              }
            });
    assertThat(canaries).hasSize(70);
    // the registry stored the change events (a listener exists)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql(
                        "SELECT count(*) FROM event_publication"
                            + " WHERE event_type LIKE '%RecordsChanged'")
                    .query(Long.class)
                    .single(),
            count -> count > 0);

    // the blind index finds a record by its lookup column, case-insensitively
    List<CachedRecord> found =
        cache.lookup(table, "assignee_email", emails.get(3).toUpperCase(), 10);
    assertThat(found).extracting(CachedRecord::key).containsExactly("T-3");
    assertThat(found.get(0).payload()).contains(emails.get(3));

    String dump = pgDump();
    assertThat(dump)
        .as("the dump has the rows")
        .contains("canary-int", "wallet_credential", "cache_record", "event_publication");
    // neither as text nor as bytea (which pg_dump writes in hex)
    String hexDump = dump.toLowerCase(java.util.Locale.ROOT);
    assertThat(canaries)
        .allSatisfy(
            canary ->
                assertThat(dump)
                    .doesNotContain(canary)
                    .doesNotContain(canary.toLowerCase(java.util.Locale.ROOT)))
        .allSatisfy(canary -> assertThat(hexDump).doesNotContain(hex(canary)));
    assertThat(emails).allSatisfy(email -> assertThat(hexDump).doesNotContain(hex(email)));
  }

  private static String hex(String text) {
    return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private String canary(List<String> canaries) {
    String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    canaries.add(canary);
    return canary;
  }

  private void put(CredentialName name, Map<String, String> values) {
    Map<String, char[]> chars = new LinkedHashMap<>();
    values.forEach((field, value) -> chars.put(field, value.toCharArray()));
    try (SecretFields fields = SecretFields.of(chars)) {
      wallet.put(TenantId.DEFAULT, name, fields, null, "test");
    }
  }

  private String pgDump() throws Exception {
    String url;
    String user;
    try (Connection connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
      user = connection.getMetaData().getUserName();
    }
    URI uri = URI.create(url.substring("jdbc:".length()));
    Path out = Files.createTempFile("microworks-dump-", ".sql");
    try {
      Process process =
          new ProcessBuilder(
                  PG_DUMP.toString(),
                  "--host=" + uri.getHost(),
                  "--port=" + uri.getPort(),
                  "--username=" + user,
                  "--no-password",
                  "--file=" + out,
                  uri.getPath().substring(1))
              .redirectErrorStream(true)
              .start();
      String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(messages).isZero();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
