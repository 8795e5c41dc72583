package dev.microworks.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.microworks.tenant.TenantId;
import dev.microworks.tenant.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the server needs from its database, written once and run against each PostgreSQL we support:
 * the embedded one and, in CI, the machine's PostgreSQL 15 (one subclass each).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"db-scheduler.polling-interval=100ms"})
@Import(DatabaseIntegrationTests.Probes.class)
abstract class DatabaseIntegrationTests {

  @Autowired Tenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEventPublisher events;
  @Autowired SchedulerClient scheduler;
  @Autowired Probes probes;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void migrationsCreateTheSchemaWithTheDefaultTenant() {
    assertThat(tenants.defaultTenant().id()).isEqualTo(TenantId.DEFAULT);
    assertThat(tenants.defaultTenant().slug()).isEqualTo("default");
    assertThat(
            jdbc.sql(
                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class)
                .list())
        .startsWith("1", "2", "3");
  }

  @Test
  void tenantSlugsAreCheckedByTheDatabase() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                jdbc.sql("INSERT INTO tenant (id, slug, name) VALUES (?, 'Not A Slug', 'x')")
                    .param(UUID.randomUUID())
                    .update())
        .hasMessageContaining("tenant_slug_check");
  }

  @Test
  void eventPublicationIsStoredWithTheTransactionAndCompletedAfterTheListenerRan() {
    String id = UUID.randomUUID().toString();
    transactions.executeWithoutResult(status -> events.publishEvent(new ProbeHappened(id)));

    await().atMost(Duration.ofSeconds(20)).until(() -> probes.events.contains(id));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?"
                                    + " AND completion_date IS NOT NULL")
                            .param("%" + id + "%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L));
  }

  @Test
  void eventPublishedInARolledBackTransactionIsNeitherStoredNorDelivered() {
    String id = UUID.randomUUID().toString();
    transactions.executeWithoutResult(
        status -> {
          events.publishEvent(new ProbeHappened(id));
          status.setRollbackOnly();
        });

    assertThat(
            jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?")
                .param("%" + id + "%")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(probes.events).doesNotContain(id);
  }

  @Test
  void scheduledTaskRunsFromTheSchedulerTable() {
    String id = UUID.randomUUID().toString();
    scheduler.scheduleIfNotExists(probes.task.instance(id), Instant.now());

    await().atMost(Duration.ofSeconds(20)).until(() -> probes.tasks.contains(id));
    // a one-time task's row is removed once it has run
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                    == 0L);
  }

  @Test
  void healthLivenessAndReadinessAreUp() throws Exception {
    for (String path : new String[] {"health", "health/liveness", "health/readiness"}) {
      HttpResponse<String> response = get("/actuator/" + path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void prometheusMetricsAreExposedAndNothingElseIs() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    for (String hidden : Set.of("env", "beans", "configprops", "heapdump", "loggers", "mappings")) {
      // refused by security (403) before the actuator's own 404 for what it does not expose
      assertThat(get("/actuator/" + hidden).statusCode()).as(hidden).isIn(403, 404);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** An event published by the probe; past tense, like every event here. */
  record ProbeHappened(String id) {}

  @TestConfiguration(proxyBeanMethods = false)
  static class Probes {
    final Set<String> events = ConcurrentHashMap.newKeySet();
    final Set<String> tasks = ConcurrentHashMap.newKeySet();
    final OneTimeTask<Void> task =
        Tasks.oneTime("database-suite-probe")
            .execute((instance, context) -> tasks.add(instance.getId()));

    @Bean
    OneTimeTask<Void> probeTask() {
      return task;
    }

    @Bean
    ProbeListener probeListener() {
      return new ProbeListener(events);
    }
  }

  static class ProbeListener {
    private final Set<String> seen;

    ProbeListener(Set<String> seen) {
      this.seen = seen;
    }

    @ApplicationModuleListener
    void on(ProbeHappened event) {
      seen.add(event.id());
    }
  }
}
