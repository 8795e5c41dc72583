package dev.microworks.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.MicroworksApplication;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.ServerProcess;
import dev.microworks.testsupport.SoftHsm;
import dev.microworks.testsupport.TestWallet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The wallet in real server processes: sealed without its master key (and unsealed when the key
 * appears), a wrong master key, and the PKCS#11 provider on SoftHSM2 across a restart.
 */
class WalletProcessTests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CREDENTIALS =
      "{\"fields\": {\"clientId\": \""
          + TestWallet.DEMO_CLIENT_ID
          + "\", \"clientSecret\": \""
          + TestWallet.DEMO_CLIENT_SECRET
          + "\"}}";

  @TempDir Path work;
  final DemoSor sor = DemoSor.shared();
  final int httpPort = ServerProcess.freePort();
  final int databasePort = ServerProcess.freePort();

  @Test
  void withoutItsMasterKeyTheWalletIsSealedSaysWhyAndUnsealsWhenTheKeyIsGiven() throws Exception {
    Path keyFile = work.resolve("master.key");
    try (ServerProcess server = start("sealed.log", keyFile, Map.of())) {
      server.awaitReady(Duration.ofSeconds(90));
      ApiClient api = api();

      assertThat(server.logLines())
          .anySatisfy(line -> assertThat(line).contains("Wallet SEALED").contains("master key"));
      HttpResponse<String> health = anonymous("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(ApiClient.json(health).get("components").get("wallet").get("status").asString())
          .isEqualTo("SEALED");
      assertThat(anonymous("/actuator/health/readiness").statusCode())
          .as("still ready: everything else works")
          .isEqualTo(200);
      JsonNode state = ApiClient.json(api.get("/api/v1/wallet"));
      assertThat(state.get("sealed").asBoolean()).isTrue();
      assertThat(state.get("reason").asString())
          .contains(keyFile.toString())
          .contains("openssl rand -base64 32");

      // everything else works: an integration is saved
      assertThat(api.post("/api/v1/integrations", "application/yaml", demoSpec()).statusCode())
          .isEqualTo(201);
      // what needs a key fails with a clear error
      HttpResponse<String> put = putCredentials(api);
      assertThat(put.statusCode()).isEqualTo(503);
      assertThat(put.body()).contains("wallet sealed");
      JsonNode failed = awaitRun(api, syncNow(api));
      assertThat(failed.get("status").asString()).isEqualTo("FAILED");
      assertThat(failed.get("error").asString()).contains("wallet sealed");

      // the operator gives the key: unsealed without a restart
      Files.writeString(keyFile, TestWallet.newMasterKey());
      awaitStatus("/actuator/health", 200);
      assertThat(ApiClient.json(api.get("/api/v1/wallet")).get("sealed").asBoolean()).isFalse();
      assertThat(putCredentials(api).statusCode()).isEqualTo(200);
      JsonNode synced = awaitRun(api, syncNow(api));
      assertThat(synced.get("status").asString()).as(synced.toString()).isEqualTo("SUCCEEDED");
      assertThat(server.stop()).isIn(0, 143);
    }

    // another master key does not open the stored keys: sealed, and it says so
    String rightKey = Files.readString(keyFile);
    Files.writeString(keyFile, TestWallet.newMasterKey());
    try (ServerProcess server = start("wrong-key.log", keyFile, Map.of())) {
      server.awaitReady(Duration.ofSeconds(90));
      ApiClient api = api();
      assertThat(anonymous("/actuator/health").statusCode()).isEqualTo(503);
      assertThat(ApiClient.json(api.get("/api/v1/wallet")).get("reason").asString())
          .contains("does not open");
      // metadata needs no key
      assertThat(
              ApiClient.json(api.get("/api/v1/integrations/demo-sor-offset/credentials"))
                  .get(0)
                  .get("set")
                  .asBoolean())
          .isTrue();
      Files.writeString(keyFile, rightKey);
      awaitStatus("/actuator/health", 200);
      JsonNode synced = awaitRun(api, syncNow(api));
      assertThat(synced.get("status").asString()).as(synced.toString()).isEqualTo("SUCCEEDED");
      assertThat(server.logLines())
          .noneSatisfy(line -> assertThat(line).contains(rightKey.strip()));
    }
  }

  @Test
  void onSoftHsmTheKekIsInTheTokenAndTheWalletWorksAcrossARestart() throws Exception {
    SoftHsm.require("WalletProcessTests (PKCS#11)");
    SoftHsm hsm = SoftHsm.in(work.resolve("hsm"));
    String pin = "4711-" + System.nanoTime();
    long slot = hsm.initToken("microworks", pin, "so-" + pin);
    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("MICROWORKS_WALLET_PKCS11_PIN", pin);
    hsm.environment(new ProcessBuilder()).environment().forEach(environment::put);
    List<String> pkcs11 =
        List.of(
            "--microworks.wallet.provider=pkcs11",
            "--microworks.wallet.pkcs11.library=" + SoftHsm.LIBRARY,
            "--microworks.wallet.pkcs11.slot=" + slot);

    try (ServerProcess server = start("hsm-1.log", null, environment, pkcs11)) {
      server.awaitReady(Duration.ofSeconds(90));
      ApiClient api = api();
      JsonNode state = ApiClient.json(api.get("/api/v1/wallet"));
      assertThat(state.get("provider").asString()).isEqualTo("pkcs11");
      assertThat(state.get("sealed").asBoolean()).as(state.toString()).isFalse();
      assertThat(api.post("/api/v1/integrations", "application/yaml", demoSpec()).statusCode())
          .isEqualTo(201);
      assertThat(putCredentials(api).statusCode()).isEqualTo(200);
      JsonNode synced = awaitRun(api, syncNow(api));
      assertThat(synced.get("status").asString()).as(synced.toString()).isEqualTo("SUCCEEDED");
      assertThat(server.stop()).isIn(0, 143);
    }
    try (ServerProcess server = start("hsm-2.log", null, environment, pkcs11)) {
      server.awaitReady(Duration.ofSeconds(90));
      ApiClient api = api();
      assertThat(anonymous("/actuator/health").statusCode()).isEqualTo(200);
      // the credential set before the restart decrypts: a sync with it succeeds
      JsonNode synced = awaitRun(api, syncNow(api));
      assertThat(synced.get("status").asString()).as(synced.toString()).isEqualTo("SUCCEEDED");
      // the cache written before the restart decrypts too
      assertThat(
              ApiClient.json(api.get("/api/v1/integrations/demo-sor-offset/tables/tickets/records"))
                  .get("records")
                  .size())
          .isPositive();
      assertThat(server.logLines()).noneSatisfy(line -> assertThat(line).contains(pin));
    }
  }

  private ServerProcess start(String log, Path keyFile, Map<String, String> environment) {
    return start(
        log, keyFile, environment, List.of("--microworks.wallet.local.master-key-file=" + keyFile));
  }

  private ServerProcess start(
      String log, Path keyFile, Map<String, String> environment, List<String> walletArgs) {
    List<String> args = new ArrayList<>(walletArgs);
    if (keyFile == null) {
      // the pkcs11 runs: a master-key file argument only keeps ServerProcess from adding its own
      args.add("--microworks.wallet.local.master-key-file=" + work.resolve("unused.key"));
    }
    args.add("--microworks.database.embedded.data-directory=" + work.resolve("pg"));
    args.add("--microworks.database.embedded.port=" + databasePort);
    args.add("--microworks.identity.bootstrap.token-file=" + work.resolve("token"));
    args.add("--microworks.sync.schedules-enabled=false");
    args.add("--db-scheduler.polling-interval=200ms");
    return ServerProcess.start(
        MicroworksApplication.class.getName(), work.resolve(log), httpPort, args, environment);
  }

  private ApiClient api() throws IOException {
    return new ApiClient(httpPort, Files.readString(work.resolve("token")).trim());
  }

  private HttpResponse<String> putCredentials(ApiClient api) {
    return api.put(
        "/api/v1/integrations/demo-sor-offset/credentials/demo-sor-service",
        "application/json",
        CREDENTIALS);
  }

  private static String syncNow(ApiClient api) {
    HttpResponse<String> response =
        api.post("/api/v1/integrations/demo-sor-offset/sync?mode=full", "text/plain", "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return ApiClient.json(response).get("id").asString();
  }

  private static JsonNode awaitRun(ApiClient api, String run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = ApiClient.json(api.get("/api/v1/runs/" + run));
      String status = state.get("status").asString();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return state;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + run + " did not finish within 2 minutes");
  }

  private HttpResponse<String> anonymous(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitStatus(String path, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = anonymous(path).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(path + " answered " + last + ", not " + status + ", for 15 s");
  }

  private String demoSpec() {
    try (InputStream in =
        WalletProcessTests.class.getResourceAsStream("/integrations/demo-sor-offset.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("http://127.0.0.1:8081", sor.base().toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
