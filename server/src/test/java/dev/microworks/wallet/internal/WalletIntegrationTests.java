package dev.microworks.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.integration.Integrations;
import dev.microworks.sync.SyncMode;
import dev.microworks.sync.SyncRun;
import dev.microworks.sync.SyncStatus;
import dev.microworks.sync.Synchronizations;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.DemoSor;
import dev.microworks.testsupport.TestWallet;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.CredentialAccessDeniedException;
import dev.microworks.wallet.CredentialInfo;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.CredentialTamperedException;
import dev.microworks.wallet.KeyStatus;
import dev.microworks.wallet.KeyVersionRefusedException;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import dev.microworks.wallet.WalletKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The wallet on a real PostgreSQL with the local key provider; one subclass per database. */
@SpringBootTest(properties = "microworks.sync.schedules-enabled=false")
abstract class WalletIntegrationTests {

  @Autowired Wallet wallet;
  @Autowired WalletKeys keys;
  @Autowired WalletService walletService;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired Integrations integrations;
  @Autowired Synchronizations synchronizations;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aSecretIsStoredOnlyAsAnEnvelopeAndDecryptedOnlyForItsOwnIntegrationsSyncs() {
    String integration = "wallet-" + UUID.randomUUID();
    String secret = "pw-" + UUID.randomUUID();
    CredentialName name = CredentialName.serviceAccount(integration, "service");
    CredentialInfo info = put(name, Map.of("username", "svc-user", "password", secret));

    assertThat(info.fieldNames()).containsExactly("password", "username");
    assertThat(info.keyVersion()).isGreaterThanOrEqualTo(1);
    byte[] stored = envelope(info.id());
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret, "svc-user");

    try (SecretFields fields = wallet.open(TenantId.DEFAULT, name, Access.sync(integration))) {
      assertThat(fields.get("password"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(secret.toCharArray()));
      assertThat(fields.toString()).doesNotContain(secret).contains("password");
    }
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, name, Access.sync("another")))
        .isInstanceOf(CredentialAccessDeniedException.class)
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, name, Access.action(integration)))
        .isInstanceOf(CredentialAccessDeniedException.class);

    List<AuditEntry> entries = auditOf(name);
    assertThat(entries)
        .extracting(AuditEntry::action)
        .contains("wallet.credential.set", "wallet.decrypt", "wallet.refused");
    assertThat(entries)
        .filteredOn(e -> e.action().equals("wallet.refused"))
        .extracting(AuditEntry::actor)
        .containsExactlyInAnyOrder("another", integration);
    assertThat(entries)
        .filteredOn(e -> e.action().equals("wallet.decrypt"))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("purpose", "SYNC"));
    assertThat(entries.toString()).doesNotContain(secret);
    assertThat(wallet.info(TenantId.DEFAULT, name).orElseThrow().lastUsedAt()).isNotNull();
    assertThat(audit.verify()).as("audit chain intact").isEqualTo(-1);
  }

  @Test
  void aUsersTokenIsDecryptedOnlyForThatUsersOwnActions() {
    String alice = "alice-" + UUID.randomUUID();
    CredentialName token = CredentialName.userToken(alice, "jira");
    put(token, Map.of("accessToken", "at-" + UUID.randomUUID(), "refreshToken", "rt-1"));
    CredentialName seed = CredentialName.totpSeed(alice);
    put(seed, Map.of("seed", "JBSWY3DPEHPK3PXP"));

    try (SecretFields fields = wallet.open(TenantId.DEFAULT, token, Access.action(alice))) {
      assertThat(fields.names()).containsExactly("accessToken", "refreshToken");
    }
    try (SecretFields fields = wallet.open(TenantId.DEFAULT, seed, Access.mfa(alice))) {
      assertThat(fields.names()).containsExactly("seed");
    }
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, token, Access.action("bob")))
        .isInstanceOf(CredentialAccessDeniedException.class);
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, token, Access.sync("jira")))
        .isInstanceOf(CredentialAccessDeniedException.class);
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, token, Access.mfa(alice)))
        .isInstanceOf(CredentialAccessDeniedException.class);
    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, seed, Access.action(alice)))
        .isInstanceOf(CredentialAccessDeniedException.class);
    assertThat(auditOf(token))
        .filteredOn(e -> e.action().equals("wallet.refused"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("refused"));
  }

  @Test
  void anEnvelopeCopiedIntoAnotherCredentialsRowDoesNotDecryptAndIsAuditedAsTampering() {
    String integration = "copy-" + UUID.randomUUID();
    CredentialName victim = CredentialName.serviceAccount(integration, "a");
    CredentialName target = CredentialName.serviceAccount(integration, "b");
    CredentialInfo a = put(victim, Map.of("key", "secret-a"));
    CredentialInfo b = put(target, Map.of("key", "secret-b"));

    jdbc.sql("UPDATE wallet_credential SET envelope = ? WHERE id = ?")
        .params(envelope(a.id()), b.id())
        .update();

    assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, target, Access.sync(integration)))
        .isInstanceOf(CredentialTamperedException.class)
        .hasMessageContaining(target.toString())
        .hasMessageNotContaining("secret-a");
    assertThat(auditOf(target))
        .filteredOn(e -> e.action().equals("wallet.tamper"))
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"));
    // the original still opens
    try (SecretFields fields = wallet.open(TenantId.DEFAULT, victim, Access.sync(integration))) {
      assertThat(fields.has("key")).isTrue();
    }
  }

  @Test
  void anEnvelopeRelabelledToAnotherTenantDoesNotDecryptAndIsAuditedAsTampering() {
    TenantId other = new TenantId(UUID.randomUUID());
    jdbc.sql("INSERT INTO tenant (id, slug, name) VALUES (?, ?, 'Other')")
        .params(other.value(), "other-" + other.value().toString().substring(0, 8))
        .update();
    String integration = "relabel-" + UUID.randomUUID();
    CredentialName name = CredentialName.serviceAccount(integration, "service");
    CredentialInfo info = put(name, Map.of("token", "bearer-secret"));
    // the other tenant gets keys of its own, with the same version numbers
    try (SecretFields unrelated = SecretFields.of(Map.of("token", "x".toCharArray()))) {
      wallet.put(other, CredentialName.serviceAccount("unrelated", "s"), unrelated, null, "test");
    }

    jdbc.sql("UPDATE wallet_credential SET tenant_id = ? WHERE id = ?")
        .params(other.value(), info.id())
        .update();

    assertThatThrownBy(() -> wallet.open(other, name, Access.sync(integration)))
        .isInstanceOf(CredentialTamperedException.class);
    assertThat(audit.recent(other, "wallet.tamper", 10))
        .extracting(AuditEntry::target)
        .contains(name.toString());
  }

  @Test
  void rotatingTheKekWhileASyncRunsFailsNothingAndOldEnvelopesAreRefusedOnceTheMinimumIsRaised()
      throws Exception {
    try (DemoSor sor = DemoSor.startPrivate()) {
      sor.generate("tickets", 10_000);
      String id = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
      TestWallet.putDemoSorCredentials(wallet, id);
      integrations.save(
          TenantId.DEFAULT,
          demoSpec()
              .replace("http://127.0.0.1:8081", sor.base().toString())
              .replace("id: demo-sor-offset", "id: " + id),
          id + ".yaml");
      CredentialName name = CredentialName.serviceAccount(id, "demo-sor-service");
      byte[] before = envelope(wallet.info(TenantId.DEFAULT, name).orElseThrow().id());
      int versionBefore = keys.status(TenantId.DEFAULT).currentVersion();

      // readers decrypting all through the rotations, beside the sync
      AtomicBoolean rotating = new AtomicBoolean(true);
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicLong decrypted = new AtomicLong();
      Runnable reader =
          () -> {
            while (rotating.get()) {
              try (SecretFields fields = wallet.open(TenantId.DEFAULT, name, Access.sync(id))) {
                if (!fields.has("clientSecret")) {
                  throw new AssertionError("no client secret");
                }
                decrypted.incrementAndGet();
              } catch (Throwable e) {
                failures.add(e);
              }
            }
          };
      List<Thread> readers = List.of(new Thread(reader), new Thread(reader), new Thread(reader));
      readers.forEach(Thread::start);
      SyncRun run = synchronizations.syncNow(TenantId.DEFAULT, id, SyncMode.FULL);
      keys.rotate(TenantId.DEFAULT, "test");
      keys.rotate(TenantId.DEFAULT, "test");
      KeyStatus rotated = keys.rotate(TenantId.DEFAULT, "test");
      SyncRun finished = awaitRun(run);
      rotating.set(false);
      for (Thread thread : readers) {
        thread.join();
      }

      assertThat(failures).as("decryptions failed during rotation").isEmpty();
      assertThat(decrypted.get()).isPositive();
      assertThat(finished.status()).as(finished.error()).isEqualTo(SyncStatus.SUCCEEDED);
      assertThat(finished.recordsRead()).isGreaterThanOrEqualTo(10_000);
      assertThat(rotated.currentVersion()).isEqualTo(versionBefore + 3);
      assertThat(wallet.info(TenantId.DEFAULT, name).orElseThrow().keyVersion())
          .isEqualTo(rotated.currentVersion());
      // every data key is re-wrapped under the newest KEK, but for envelopes that do not
      // authenticate (other tests here tamper with some): those are skipped and audited
      List<String> left =
          jdbc.sql(
                  "SELECT kind || ':' || owner || '/' || slot FROM wallet_credential"
                      + " WHERE tenant_id = ? AND kek_version < ?")
              .params(TenantId.DEFAULT.value(), rotated.currentVersion())
              .query(String.class)
              .list();
      List<String> tampered =
          audit.recent(TenantId.DEFAULT, "wallet.tamper", 1000).stream()
              .map(AuditEntry::target)
              .toList();
      assertThat(left)
          .allSatisfy(
              row ->
                  assertThat(tampered)
                      .as("left at an old version without being audited as tampered")
                      .anySatisfy(t -> assertThat(t).isEqualToIgnoringCase(row)));

      KeyStatus raised =
          keys.requireMinimumVersion(TenantId.DEFAULT, rotated.currentVersion(), "test");
      assertThat(raised.minimumVersion()).isEqualTo(rotated.currentVersion());
      // everything current still opens, the cache keys too (a fresh instance decrypts them anew)
      try (SecretFields fields = wallet.open(TenantId.DEFAULT, name, Access.sync(id))) {
        assertThat(fields.has("clientId")).isTrue();
      }
      new WalletCacheKeys(walletService, transactions)
          .forTenant(TenantId.DEFAULT)
          .contentHash(new byte[] {1});

      // an envelope from before the rotations (say, a restored backup) is refused
      jdbc.sql("UPDATE wallet_credential SET envelope = ?, kek_version = ? WHERE id = ?")
          .params(before, versionBefore, wallet.info(TenantId.DEFAULT, name).orElseThrow().id())
          .update();
      assertThatThrownBy(() -> wallet.open(TenantId.DEFAULT, name, Access.sync(id)))
          .isInstanceOf(KeyVersionRefusedException.class)
          .hasMessageContaining("key version " + versionBefore)
          .hasMessageContaining("minimum version " + rotated.currentVersion());
      assertThat(auditOf(name))
          .filteredOn(e -> e.action().equals("wallet.refused"))
          .extracting(e -> e.details().get("reason"))
          .contains("key version below minimum");
      assertThatThrownBy(() -> keys.requireMinimumVersion(TenantId.DEFAULT, versionBefore, "test"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between");
    }
  }

  private CredentialInfo put(CredentialName name, Map<String, String> values) {
    Map<String, char[]> chars = new java.util.LinkedHashMap<>();
    values.forEach((field, value) -> chars.put(field, value.toCharArray()));
    try (SecretFields fields = SecretFields.of(chars)) {
      return wallet.put(TenantId.DEFAULT, name, fields, null, "test");
    }
  }

  private byte[] envelope(UUID id) {
    return jdbc.sql("SELECT envelope FROM wallet_credential WHERE id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }

  private List<AuditEntry> auditOf(CredentialName name) {
    return audit.recent(TenantId.DEFAULT, "wallet.", 1000).stream()
        .filter(e -> e.target().equals(name.toString()))
        .toList();
  }

  private SyncRun awaitRun(SyncRun queued) {
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> synchronizations.run(TenantId.DEFAULT, queued.id()).orElseThrow(),
            run -> run.status() == SyncStatus.SUCCEEDED || run.status() == SyncStatus.FAILED);
  }

  private static String demoSpec() {
    try (InputStream in =
        WalletIntegrationTests.class.getResourceAsStream("/integrations/demo-sor-offset.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
