package dev.microworks.wallet.internal;

import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.KeyVersionRefusedException;
import dev.microworks.wallet.WalletSealedException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's KEK versions ({@code wallet_kek}) and policy ({@code wallet_key_policy}): creates
 * version 1 on first use, hands out the current KEK and opened KEKs by version (cached: opening one
 * may cost an HSM round trip), and enforces the minimum version.
 */
final class KekRing {

  private final JdbcClient jdbc;
  private final KeyProvider provider;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final Map<String, KeyProvider.Kek> opened = new ConcurrentHashMap<>();

  KekRing(
      JdbcClient jdbc, KeyProvider provider, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.provider = provider;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  KeyProvider provider() {
    return provider;
  }

  /** The tenant's versions (current, minimum), creating version 1 if it has none. */
  Policy policy(TenantId tenant) {
    return existingPolicy(tenant).orElseGet(() -> createFirst(tenant));
  }

  java.util.Optional<Policy> existingPolicy(TenantId tenant) {
    return jdbc.sql(
            "SELECT current_version, minimum_version FROM wallet_key_policy WHERE tenant_id = ?")
        .param(tenant.value())
        .query((row, n) -> new Policy(row.getInt(1), row.getInt(2)))
        .optional();
  }

  private Policy createFirst(TenantId tenant) {
    requireUnsealed();
    return ownTransaction.execute(
        status -> {
          lock(tenant);
          return existingPolicy(tenant)
              .orElseGet(
                  () -> {
                    insertVersion(tenant, 1);
                    jdbc.sql(
                            "INSERT INTO wallet_key_policy (tenant_id, current_version,"
                                + " minimum_version) VALUES (?, 1, 1)")
                        .param(tenant.value())
                        .update();
                    return new Policy(1, 1);
                  });
        });
  }

  /** Creates version current+1 and makes it current; returns the new policy. */
  Policy addVersion(TenantId tenant) {
    policy(tenant);
    requireUnsealed();
    return ownTransaction.execute(
        status -> {
          lock(tenant);
          Policy policy = existingPolicy(tenant).orElseThrow();
          int next = policy.current() + 1;
          insertVersion(tenant, next);
          jdbc.sql("UPDATE wallet_key_policy SET current_version = ? WHERE tenant_id = ?")
              .params(next, tenant.value())
              .update();
          return new Policy(next, policy.minimum());
        });
  }

  /** Sets the minimum version. */
  Policy requireMinimum(TenantId tenant, int minimum) {
    return ownTransaction.execute(
        status -> {
          lock(tenant);
          Policy policy = policy(tenant);
          if (minimum < policy.minimum() || minimum > policy.current()) {
            throw new IllegalArgumentException(
                "minimum key version must be between the present minimum %d and the current version %d (it was %d); rotate first to raise it further"
                    .formatted(policy.minimum(), policy.current(), minimum));
          }
          jdbc.sql("UPDATE wallet_key_policy SET minimum_version = ? WHERE tenant_id = ?")
              .params(minimum, tenant.value())
              .update();
          return new Policy(policy.current(), minimum);
        });
  }

  /**
   * The opened KEK {@code version}.
   *
   * @throws KeyVersionRefusedException if it is below the tenant's minimum
   */
  KeyProvider.Kek kek(TenantId tenant, int version, String what) {
    Policy policy = policy(tenant);
    if (version < policy.minimum()) {
      throw new KeyVersionRefusedException(
          "%s is wrapped by key version %d, below the minimum version %d: it can no longer be decrypted; set it again"
              .formatted(what, version, policy.minimum()));
    }
    return open(tenant, version);
  }

  KeyProvider.Kek open(TenantId tenant, int version) {
    requireUnsealed();
    String cacheKey = tenant + "/" + version;
    KeyProvider.Kek kek = opened.get(cacheKey);
    if (kek != null) {
      return kek;
    }
    record Row(String provider, byte[] material) {}
    Row row =
        jdbc.sql("SELECT provider, material FROM wallet_kek WHERE tenant_id = ? AND version = ?")
            .params(tenant.value(), version)
            .query((r, n) -> new Row(r.getString(1), r.getBytes(2)))
            .optional()
            .orElseThrow(() -> new NoSuchKeyVersionException(tenant, version));
    if (!row.provider().equals(provider.id())) {
      throw new KeyUnavailableException(
          "key version %d of tenant %s was made by key provider '%s', but the wallet is configured with '%s' (microworks.wallet.provider)"
              .formatted(version, tenant, row.provider(), provider.id()),
          null);
    }
    kek = provider.kek(tenant, version, row.material());
    opened.put(cacheKey, kek);
    return kek;
  }

  /** Forgets opened KEKs (when the provider's key changed). */
  void forget() {
    opened.clear();
  }

  private void insertVersion(TenantId tenant, int version) {
    byte[] material = provider.createKek(tenant, version);
    jdbc.sql(
            "INSERT INTO wallet_kek (tenant_id, version, provider, material, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(tenant.value(), version, provider.id(), material, Timestamp.from(clock.instant()))
        .update();
  }

  private void lock(TenantId tenant) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('wallet_kek/' || ?, 0))")
        .param(tenant.toString())
        .query()
        .listOfRows();
  }

  private void requireUnsealed() {
    provider
        .sealedReason()
        .ifPresent(
            reason -> {
              throw new WalletSealedException(reason);
            });
  }

  /** An envelope names a KEK version its tenant never had: it was altered or re-labelled. */
  static final class NoSuchKeyVersionException extends KeyUnavailableException {
    NoSuchKeyVersionException(TenantId tenant, int version) {
      super("key version %d of tenant %s does not exist".formatted(version, tenant), null);
    }
  }

  /** Versions of one tenant. */
  record Policy(int current, int minimum) {}
}
