package dev.microworks.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.microworks.cache.DataCache;
import dev.microworks.cache.IncomingRecord;
import dev.microworks.cache.TableRef;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;

/**
 * The integration REST API over real HTTP, on a real PostgreSQL (one subclass per database),
 * authenticated with the bootstrap admin token the server wrote to its token file.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
@Import(IntegrationApiIntegrationTests.Announcements.class)
abstract class IntegrationApiIntegrationTests {

  private static final String API = "/api/v1/integrations";
  private static final String YAML = "application/yaml";

  /** Five planted mistakes, the same file {@code SpecProblemsTests} checks line by line. */
  private static final String BROKEN = SpecFixtures.resource("/specs/five-mistakes.yaml");

  @DynamicPropertySource
  static void tokenFile(DynamicPropertyRegistry registry) throws IOException {
    Path file = Files.createTempDirectory("microworks-api-").resolve("bootstrap-token");
    registry.add("microworks.identity.bootstrap.token-file", file::toString);
  }

  @LocalServerPort int port;

  @Value("${microworks.identity.bootstrap.token-file}")
  Path tokenFile;

  @Autowired JdbcClient jdbc;
  @Autowired DataCache cache;
  @Autowired Announcements announced;

  ApiClient api;

  @BeforeEach
  void signedInOnAnEmptyCatalogue() throws IOException {
    api = new ApiClient(port, Files.readString(tokenFile).strip());
    jdbc.sql("DELETE FROM integration").update();
    jdbc.sql("DELETE FROM cache_record").update();
    announced.events().clear();
  }

  @Test
  void credentialSlotsAreWriteOnlyCheckedAgainstTheSpecAndGoWithTheirIntegration()
      throws IOException {
    String yaml = SpecFixtures.resource("/integrations/demo-sor-offset.yaml");
    assertThat(api.post(API, YAML, yaml).statusCode()).isEqualTo(201);
    String slots = API + "/demo-sor-offset/credentials";

    JsonNode declared = ApiClient.json(api.get(slots));
    assertThat(declared).hasSize(2);
    assertThat(declared.get(0).get("slot").asString()).isEqualTo("demo-sor-service");
    assertThat(declared.get(0).get("used_for").asString()).isEqualTo("service account");
    assertThat(declared.get(1).get("slot").asString()).isEqualTo("demo-sor-user-actions");
    assertThat(declared.get(1).get("required_fields").toString()).contains("clientId");
    assertThat(declared.get(0).get("set").asBoolean()).isFalse();
    assertThat(declared.get(0).get("required_fields").toString())
        .contains("clientId", "clientSecret");

    HttpResponse<String> unknownSlot =
        api.put(slots + "/nope", "application/json", "{\"fields\": {\"key\": \"k\"}}");
    assertThat(unknownSlot.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(unknownSlot).get("detail").asString())
        .contains("no slot 'nope'", "[demo-sor-service, demo-sor-user-actions]");
    HttpResponse<String> missing =
        api.put(
            slots + "/demo-sor-service",
            "application/json",
            "{\"fields\": {\"clientId\": \"c\", \"password\": \"p-value\"}}");
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(missing).get("detail").asString())
        .contains("Missing: [clientSecret]", "Not fields of this slot: [password]")
        .doesNotContain("p-value");

    HttpResponse<String> set =
        api.put(
            slots + "/demo-sor-service",
            "application/json",
            "{\"fields\": {\"client_id\": \"the-id\", \"clientSecret\": \"the-secret\"},"
                + " \"expires_at\": \"2030-01-01T00:00:00Z\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).doesNotContain("the-secret", "the-id");
    JsonNode metadata = ApiClient.json(api.get(slots + "/demo-sor-service"));
    assertThat(metadata.get("set").asBoolean()).isTrue();
    assertThat(metadata.get("fields_set").toString()).contains("clientId", "clientSecret");
    assertThat(metadata.get("set_by").asString()).isNotBlank();
    assertThat(metadata.get("expires_at").asString()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(metadata.get("key_version").asInt()).isPositive();
    // the export carries the slot's name, never its value
    String exported = api.get(API + "/demo-sor-offset/spec").body();
    assertThat(exported).contains("demo-sor-service").doesNotContain("the-secret", "the-id");
    assertThat(api.get(API + "/demo-sor-offset").body()).doesNotContain("the-secret");
    assertThat(api.get("/api/v1/wallet/credentials?kind=service_account").body())
        .contains("demo-sor-offset")
        .doesNotContain("the-secret");

    assertThat(api.delete(slots + "/demo-sor-service").statusCode()).isEqualTo(204);
    assertThat(api.delete(slots + "/demo-sor-service").statusCode()).isEqualTo(404);
    assertThat(
            api.put(
                    slots + "/demo-sor-service",
                    "application/json",
                    "{\"fields\": {\"clientId\": \"a\", \"clientSecret\": \"b\"}}")
                .statusCode())
        .isEqualTo(200);
    assertThat(api.delete(API + "/demo-sor-offset").statusCode()).isEqualTo(204);
    assertThat(
            jdbc.sql("SELECT count(*) FROM wallet_credential WHERE owner = 'demo-sor-offset'")
                .query(Long.class)
                .single())
        .as("an integration's credentials go with it")
        .isZero();
    assertThat(api.get(slots).statusCode()).isEqualTo(404);
  }

  @Test
  void eachExampleSpecIsCreatedReadListedUpdatedAndDeleted() throws IOException {
    List<String> ids = new ArrayList<>();
    for (Resource example : examples()) {
      String yaml = example.getContentAsString(StandardCharsets.UTF_8);
      IntegrationSpec spec = IntegrationSpecs.parse(yaml, example.getFilename());
      ids.add(spec.id());

      HttpResponse<String> created = api.post(API, YAML, yaml);
      assertThat(created.statusCode()).as(example.getFilename()).isEqualTo(201);
      assertThat(created.headers().firstValue("Location")).contains(API + "/" + spec.id());
      JsonNode summary = ApiClient.json(created);
      assertThat(summary.get("id").asString()).isEqualTo(spec.id());
      assertThat(summary.get("title").asString()).isEqualTo(spec.title());
      assertThat(summary.get("revision").asLong()).isEqualTo(1);
      assertThat(summary.get("tables").size()).isEqualTo(spec.tables().size());
      assertThat(summary.get("tables").get(0).get("name").asString())
          .isEqualTo(spec.tables().get(0).name());
      assertThat(summary.get("tables").get(0).get("columns").asInt())
          .isEqualTo(spec.tables().get(0).columns().size());
      assertThat(summary.get("created_at").asString()).isNotBlank();

      JsonNode read = ApiClient.json(api.get(API + "/" + spec.id()));
      assertThat(read.get("spec").asString()).isEqualTo(yaml);
      assertThat(read.get("revision").asLong()).isEqualTo(1);

      HttpResponse<String> source = api.get(API + "/" + spec.id() + "/spec");
      assertThat(source.statusCode()).isEqualTo(200);
      assertThat(source.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
      assertThat(source.body()).isEqualTo(yaml);

      HttpResponse<String> replaced =
          api.put(API + "/" + spec.id(), "text/plain; charset=UTF-8", yaml);
      assertThat(replaced.statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(replaced).get("revision").asLong()).isEqualTo(2);
      assertThat(ApiClient.json(replaced).get("created_at")).isEqualTo(summary.get("created_at"));
    }

    HttpResponse<String> list = api.get(API);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(ids).hasSize(4);
    assertThat(StreamSupport.stream(ApiClient.json(list).spliterator(), false))
        .extracting(node -> node.get("id").asString(), node -> node.get("revision").asLong())
        .containsExactlyElementsOf(ids.stream().sorted().map(id -> tuple(id, 2L)).toList());

    for (String id : ids) {
      assertThat(api.delete(API + "/" + id).statusCode()).isEqualTo(204);
      assertThat(api.get(API + "/" + id).statusCode()).isEqualTo(404);
    }
    assertThat(ApiClient.json(api.get(API)).size()).isZero();
    assertThat(announced.events())
        .filteredOn(IntegrationSaved.class::isInstance)
        .hasSize(8)
        .contains(new IntegrationSaved(TenantId.DEFAULT, ids.get(0), 2));
    assertThat(announced.events())
        .filteredOn(IntegrationDeleted.class::isInstance)
        .containsExactlyElementsOf(
            ids.stream().map(id -> new IntegrationDeleted(TenantId.DEFAULT, id)).toList());
  }

  @Test
  void anInvalidSpecIs422WithEveryProblemAndNothingIsSaved() {
    long rowsBefore = integrationRows();

    HttpResponse<String> response = api.post(API, YAML, BROKEN);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = ApiClient.json(response);
    assertThat(problem.get("title").asString()).isEqualTo("Invalid integration spec");
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.get("type").asString()).isNotBlank();
    assertThat(problem.get("detail").asString()).startsWith("5 problems in integration spec");
    assertThat(StreamSupport.stream(problem.get("problems").spliterator(), false))
        .extracting(p -> p.get("line").asInt(), p -> p.get("path").asString())
        .containsExactly(
            tuple(5, "connection.verfy-tls"),
            tuple(10, "schedules.full.cron"),
            tuple(11, "schedules.time-zone"),
            tuple(16, "tables[0].columns[1].type"),
            tuple(22, "tables[1].parent"));
    JsonNode typeProblem = problem.get("problems").get(3);
    assertThat(typeProblem.get("column").asInt()).isEqualTo(30);
    assertThat(typeProblem.get("message").asString())
        .startsWith("expected one of string, integer")
        .endsWith("but was 'strng'");
    assertThat(response.body()).doesNotContain("Exception", "at dev.microworks");

    assertThat(api.get(API + "/broken").statusCode()).isEqualTo(404);
    assertThat(integrationRows()).isEqualTo(rowsBefore);
    assertThat(announced.events()).isEmpty();
  }

  @Test
  void anInvalidReplacementKeepsTheSavedRevision() throws IOException {
    String yaml = example("demo-sor-page.yaml");
    String id = IntegrationSpecs.parse(yaml, "page").id();
    assertThat(api.post(API, YAML, yaml).statusCode()).isEqualTo(201);

    HttpResponse<String> response =
        api.put(API + "/" + id, YAML, yaml.replace("type: datetime", "type: datetim"));

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode saved = ApiClient.json(api.get(API + "/" + id));
    assertThat(saved.get("revision").asLong()).isEqualTo(1);
    assertThat(saved.get("spec").asString()).isEqualTo(yaml);
  }

  @Test
  void validateAnswersValidOrEveryProblemAndSavesNothing() throws IOException {
    HttpResponse<String> valid = api.post(API + "/validate", YAML, example("demo-sor-link.yaml"));
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(valid).get("valid").asBoolean()).isTrue();

    HttpResponse<String> invalid = api.post(API + "/validate", "text/plain", BROKEN);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(invalid).get("problems").size()).isEqualTo(5);

    assertThat(integrationRows()).isZero();
    assertThat(announced.events()).isEmpty();
  }

  @Test
  void anExistingIdIsAConflictForPostAndPutMustNameTheSpecsId() throws IOException {
    String yaml = example("demo-sor-cursor.yaml");
    assertThat(api.post(API, YAML, yaml).statusCode()).isEqualTo(201);

    HttpResponse<String> again = api.post(API, YAML, yaml);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(ApiClient.json(again).get("detail").asString()).contains("PUT");

    HttpResponse<String> mismatch = api.put(API + "/another-id", YAML, yaml);
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(mismatch).get("detail").asString())
        .contains("'another-id'", "'demo-sor-cursor'");
    assertThat(api.get(API + "/another-id").statusCode()).isEqualTo(404);
  }

  @Test
  void putCreatesAnIntegrationThatDoesNotExistYet() throws IOException {
    HttpResponse<String> created =
        api.put(API + "/demo-sor-offset", YAML, example("demo-sor-offset.yaml"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains(API + "/demo-sor-offset");
  }

  @Test
  void recordsArePagedFromTheDataCache() throws IOException {
    assertThat(api.post(API, YAML, example("demo-sor-offset.yaml")).statusCode()).isEqualTo(201);
    TableRef tickets = new TableRef(TenantId.DEFAULT, "demo-sor-offset", "tickets");
    cache.applyIncremental(
        tickets,
        UUID.randomUUID(),
        List.of(ticket("HD-1", "open"), ticket("HD-2", "closed"), ticket("HD-3", "new")));
    String records = API + "/demo-sor-offset/tables/tickets/records";

    HttpResponse<String> first = api.get(records + "?page=0&size=2");

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode page = ApiClient.json(first);
    assertThat(page.get("integration").asString()).isEqualTo("demo-sor-offset");
    assertThat(page.get("table").asString()).isEqualTo("tickets");
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("page").asInt()).isZero();
    assertThat(page.get("size").asInt()).isEqualTo(2);
    assertThat(page.get("records").size()).isEqualTo(2);
    JsonNode record = page.get("records").get(0);
    assertThat(record.get("key").asString()).isEqualTo("HD-1");
    assertThat(record.get("version").asLong()).isPositive();
    assertThat(record.get("sor_updated_at").asString()).isEqualTo("2026-11-01T10:00:00Z");
    assertThat(record.get("synced_at").asString()).isNotBlank();
    assertThat(record.get("data").get("status").asString()).isEqualTo("open");
    assertThat(record.get("data").get("key").asString()).isEqualTo("HD-1");

    JsonNode second = ApiClient.json(api.get(records + "?page=1&size=2"));
    assertThat(second.get("records").size()).isEqualTo(1);
    assertThat(second.get("records").get(0).get("key").asString()).isEqualTo("HD-3");

    assertThat(ApiClient.json(api.get(records)).get("size").asInt()).isEqualTo(50);
    assertThat(api.get(records + "?size=0").statusCode()).isEqualTo(400);
    assertThat(api.get(records + "?size=501").statusCode()).isEqualTo(400);
    assertThat(api.get(records + "?page=-1").statusCode()).isEqualTo(400);
    HttpResponse<String> noTable = api.get(API + "/demo-sor-offset/tables/nope/records");
    assertThat(noTable.statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(noTable).get("detail").asString()).contains("tickets, ");
    assertThat(api.get(API + "/nope/tables/tickets/records").statusCode()).isEqualTo(404);

    assertThat(api.delete(API + "/demo-sor-offset").statusCode()).isEqualTo(204);
    assertThat(cache.count(tickets)).as("records dropped with the integration").isZero();
  }

  @Test
  void anUnknownIntegrationIsA404Problem() {
    for (HttpResponse<String> response :
        List.of(api.get(API + "/nope"), api.get(API + "/nope/spec"), api.delete(API + "/nope"))) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(ApiClient.json(response).get("detail").asString()).contains("'nope'");
    }
  }

  @Test
  void aWrongContentTypeIs415AndNeverEchoesTheHeader() throws IOException {
    HttpResponse<String> response =
        api.post(API, "application/json; canary=c4n4ry-v4lu3", example("demo-sor-link.yaml"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).contains("application/yaml").doesNotContain("c4n4ry");
    assertThat(integrationRows()).isZero();
  }

  @Test
  void aSpecOverOneMegabyteIs413() throws IOException {
    String huge = example("demo-sor-link.yaml") + "#" + "x".repeat(1024 * 1024) + "\n";

    HttpResponse<String> response = api.post(API, YAML, huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(413);
    assertThat(integrationRows()).isZero();
  }

  @Test
  void theOpenApiDocumentIsOpenAndListsTheIntegrationEndpoints() {
    HttpResponse<String> response = api.withToken(null).get("/v3/api-docs");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = ApiClient.json(response).get("paths");
    assertThat(paths.propertyNames())
        .contains(
            API,
            API + "/validate",
            API + "/{id}",
            API + "/{id}/spec",
            API + "/{id}/tables/{table}/records");
    assertThat(paths.get(API).get("post").get("requestBody").get("content").has(YAML)).isTrue();
    assertThat(paths.get(API + "/{id}").has("put")).isTrue();
    assertThat(paths.get(API + "/{id}").has("delete")).isTrue();
    assertThat(
            api.withToken(null)
                .send(api.withToken(null).request("/swagger-ui/index.html").GET())
                .statusCode())
        .isEqualTo(200);
  }

  private long integrationRows() {
    return jdbc.sql("SELECT count(*) FROM integration").query(Long.class).single();
  }

  private static List<Resource> examples() throws IOException {
    return List.of(
        new PathMatchingResourcePatternResolver().getResources("classpath:integrations/*.yaml"));
  }

  private static String example(String name) throws IOException {
    return new PathMatchingResourcePatternResolver()
        .getResource("classpath:integrations/" + name)
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static IncomingRecord ticket(String key, String status) {
    return new IncomingRecord(
        key,
        "{\"key\":\"" + key + "\",\"status\":\"" + status + "\"}",
        Instant.parse("2026-11-01T10:00:00Z"));
  }

  /** Records the integration events as their transactions commit. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Announcements {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    List<Object> events() {
      return events;
    }

    @TransactionalEventListener
    void on(IntegrationSaved event) {
      events.add(event);
    }

    @TransactionalEventListener
    void on(IntegrationDeleted event) {
      events.add(event);
    }
  }
}
