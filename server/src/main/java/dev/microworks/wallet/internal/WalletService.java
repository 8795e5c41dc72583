package dev.microworks.wallet.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.util.SecretBytes;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.CredentialAccessDeniedException;
import dev.microworks.wallet.CredentialInfo;
import dev.microworks.wallet.CredentialKind;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.CredentialNotFoundException;
import dev.microworks.wallet.CredentialTamperedException;
import dev.microworks.wallet.KeyStatus;
import dev.microworks.wallet.KeyVersionRefusedException;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import dev.microworks.wallet.WalletKeys;
import dev.microworks.wallet.WalletSealedException;
import dev.microworks.wallet.WalletState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The wallet: secrets as envelopes in {@code wallet_credential}, purpose-bound audited decryption,
 * KEK rotation. Thread-safe.
 */
final class WalletService implements Wallet, WalletKeys {

  private static final Logger log = LoggerFactory.getLogger(WalletService.class);

  private final JdbcClient jdbc;
  private final KekRing ring;
  private final AuditLog audit;
  private final Clock clock;
  private volatile String verifiedFailure; // why the stored KEK did not open, while it does not

  WalletService(JdbcClient jdbc, KekRing ring, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.ring = ring;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public WalletState state() {
    Optional<String> reason = ring.provider().sealedReason();
    if (reason.isPresent()) {
      ring.forget();
      return new WalletState(ring.provider().id(), true, reason.get());
    }
    // the provider has a key; is it the key the stored KEKs were made with?
    try {
      Optional<KekRing.Policy> policy = ring.existingPolicy(TenantId.DEFAULT);
      if (policy.isPresent()) {
        ring.open(TenantId.DEFAULT, policy.get().current());
      }
      verifiedFailure = null;
      return new WalletState(ring.provider().id(), false, null);
    } catch (KeyUnavailableException e) {
      ring.forget();
      ring.provider().keyRejected(e.getMessage());
      if (!e.getMessage().equals(verifiedFailure)) {
        log.warn("Wallet sealed: {}", e.getMessage());
      }
      verifiedFailure = e.getMessage();
      return new WalletState(ring.provider().id(), true, e.getMessage());
    }
  }

  void requireUnsealed() {
    WalletState state = state();
    if (state.sealed()) {
      throw new WalletSealedException(state.reason());
    }
  }

  @Override
  public CredentialInfo put(
      TenantId tenant, CredentialName name, SecretFields fields, Instant expiresAt, String actor) {
    requireUnsealed();
    if (name.kind() == CredentialKind.CACHE_KEY) {
      throw new IllegalArgumentException("cache keys are made by the wallet, not set");
    }
    for (int attempt = 0; ; attempt++) {
      Optional<UUID> existing = idOf(tenant, name);
      UUID id = existing.orElseGet(UUID::randomUUID);
      KekRing.Policy policy = ring.policy(tenant);
      Envelope envelope = seal(tenant, id, name, policy.current(), fields);
      Instant now = clock.instant();
      try {
        if (existing.isPresent()) {
          jdbc.sql(
                  "UPDATE wallet_credential SET field_names = CAST(? AS text[]), envelope = ?,"
                      + " kek_version = ?, set_at = ?, set_by = ?, expires_at = ? WHERE id = ?")
              .params(
                  fieldArray(fields),
                  envelope.encode(),
                  policy.current(),
                  Timestamp.from(now),
                  actor,
                  expiresAt == null ? null : Timestamp.from(expiresAt),
                  id)
              .update();
        } else {
          insert(tenant, id, name, fields, envelope, now, actor, expiresAt);
        }
      } catch (DuplicateKeyException raced) {
        if (attempt < 3) {
          continue; // set concurrently: replace what the other writer stored
        }
        throw raced;
      }
      audit.append(
          tenant,
          actor,
          existing.isPresent() ? "wallet.credential.replaced" : "wallet.credential.set",
          name.toString(),
          "ok",
          Map.of("fields", String.join(",", fields.names()), "keyVersion", "" + policy.current()));
      return info(tenant, name).orElseThrow();
    }
  }

  private void insert(
      TenantId tenant,
      UUID id,
      CredentialName name,
      SecretFields fields,
      Envelope envelope,
      Instant now,
      String actor,
      Instant expiresAt) {
    jdbc.sql(
            "INSERT INTO wallet_credential (id, tenant_id, kind, owner, slot, field_names,"
                + " envelope, kek_version, set_at, set_by, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, CAST(? AS text[]), ?, ?, ?, ?, ?)")
        .params(
            id,
            tenant.value(),
            name.kind().name(),
            name.owner(),
            name.slot(),
            fieldArray(fields),
            envelope.encode(),
            envelope.kekVersion(),
            Timestamp.from(now),
            actor,
            expiresAt == null ? null : Timestamp.from(expiresAt))
        .update();
  }

  /** Stores a secret only if none is stored under the name; returns whether it did. */
  boolean putIfAbsent(TenantId tenant, CredentialName name, SecretFields fields, String actor) {
    requireUnsealed();
    UUID id = UUID.randomUUID();
    KekRing.Policy policy = ring.policy(tenant);
    try {
      insert(
          tenant,
          id,
          name,
          fields,
          seal(tenant, id, name, policy.current(), fields),
          clock.instant(),
          actor,
          null);
    } catch (DuplicateKeyException e) {
      return false;
    }
    audit.append(tenant, actor, "wallet.credential.set", name.toString(), "ok", Map.of());
    return true;
  }

  @Override
  public boolean delete(TenantId tenant, CredentialName name, String actor) {
    int deleted =
        jdbc.sql(
                "DELETE FROM wallet_credential WHERE tenant_id = ? AND kind = ? AND owner = ?"
                    + " AND slot = ?")
            .params(tenant.value(), name.kind().name(), name.owner(), name.slot())
            .update();
    if (deleted > 0) {
      audit.append(tenant, actor, "wallet.credential.deleted", name.toString(), "ok", Map.of());
    }
    return deleted > 0;
  }

  @Override
  public int deleteAll(TenantId tenant, CredentialKind kind, String owner, String actor) {
    int deleted =
        jdbc.sql("DELETE FROM wallet_credential WHERE tenant_id = ? AND kind = ? AND owner = ?")
            .params(tenant.value(), kind.name(), owner)
            .update();
    if (deleted > 0) {
      audit.append(
          tenant,
          actor,
          "wallet.credential.deleted",
          kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + owner + "/*",
          "ok",
          Map.of("count", "" + deleted));
    }
    return deleted;
  }

  @Override
  public Optional<CredentialInfo> info(TenantId tenant, CredentialName name) {
    return jdbc.sql(
            "SELECT * FROM wallet_credential WHERE tenant_id = ? AND kind = ? AND owner = ?"
                + " AND slot = ?")
        .params(tenant.value(), name.kind().name(), name.owner(), name.slot())
        .query((row, n) -> info(row))
        .optional();
  }

  @Override
  public List<CredentialInfo> list(TenantId tenant, CredentialKind kind, String owner) {
    return jdbc.sql(
            "SELECT * FROM wallet_credential WHERE tenant_id = ? AND kind = ?"
                + " AND (CAST(? AS text) IS NULL OR owner = ?) ORDER BY owner, slot")
        .params(tenant.value(), kind.name(), owner, owner)
        .query((row, n) -> info(row))
        .list();
  }

  @Override
  public SecretFields open(TenantId tenant, CredentialName name, Access access) {
    if (!access.permits(name)) {
      audit.append(
          tenant,
          access.actor(),
          "wallet.refused",
          name.toString(),
          "refused",
          Map.of("purpose", access.purpose().name(), "reason", "purpose or owner mismatch"));
      throw new CredentialAccessDeniedException(
          "%s may be decrypted only for %s by its owner; refused for %s by %s"
              .formatted(name, name.kind().purpose(), access.purpose(), access.actor()));
    }
    requireUnsealed();
    record Row(UUID id, byte[] envelope) {}
    Row row =
        jdbc.sql(
                "SELECT id, envelope FROM wallet_credential WHERE tenant_id = ? AND kind = ?"
                    + " AND owner = ? AND slot = ?")
            .params(tenant.value(), name.kind().name(), name.owner(), name.slot())
            .query((r, n) -> new Row(r.getObject(1, UUID.class), r.getBytes(2)))
            .optional()
            .orElseThrow(() -> new CredentialNotFoundException(name + " is not set"));
    Map<String, String> details = Map.of("purpose", access.purpose().name());
    SecretFields fields;
    try {
      fields = unseal(tenant, row.id(), name, row.envelope());
    } catch (KeyVersionRefusedException e) {
      audit.append(
          tenant,
          access.actor(),
          "wallet.refused",
          name.toString(),
          "refused",
          Map.of("purpose", access.purpose().name(), "reason", "key version below minimum"));
      throw e;
    } catch (CredentialTamperedException e) {
      audit.append(
          tenant,
          access.actor(),
          "wallet.tamper",
          name.toString(),
          "failed",
          Map.of("purpose", access.purpose().name(), "reason", e.getMessage()));
      throw e;
    }
    if (name.kind() != CredentialKind.CACHE_KEY) {
      jdbc.sql("UPDATE wallet_credential SET last_used_at = ? WHERE id = ?")
          .params(Timestamp.from(clock.instant()), row.id())
          .update();
    }
    audit.append(tenant, access.actor(), "wallet.decrypt", name.toString(), "ok", details);
    return fields;
  }

  @Override
  public KeyStatus status(TenantId tenant) {
    KekRing.Policy policy =
        ring.existingPolicy(tenant)
            .orElseGet(() -> state().sealed() ? new KekRing.Policy(0, 0) : ring.policy(tenant));
    Map<Integer, Long> counts = new TreeMap<>();
    jdbc.sql("SELECT version FROM wallet_kek WHERE tenant_id = ?")
        .param(tenant.value())
        .query(Integer.class)
        .list()
        .forEach(version -> counts.put(version, 0L));
    jdbc.sql(
            "SELECT kek_version, count(*) FROM wallet_credential WHERE tenant_id = ?"
                + " GROUP BY kek_version")
        .param(tenant.value())
        .query((row, n) -> counts.put(row.getInt(1), row.getLong(2)))
        .list();
    return new KeyStatus(ring.provider().id(), policy.current(), policy.minimum(), counts);
  }

  @Override
  public KeyStatus rotate(TenantId tenant, String actor) {
    requireUnsealed();
    KekRing.Policy policy = ring.addVersion(tenant);
    KeyProvider.Kek target = ring.open(tenant, policy.current());
    long rewrapped = 0;
    long skipped = 0;
    // passes until nothing older is left: a secret set with the old version while the first pass
    // ran is caught by the next
    for (int pass = 0; pass < 5; pass++) {
      record Row(UUID id, CredentialName name, byte[] envelope) {}
      List<Row> older =
          jdbc.sql(
                  "SELECT id, kind, owner, slot, envelope FROM wallet_credential"
                      + " WHERE tenant_id = ? AND kek_version < ? AND kek_version >= ?")
              .params(tenant.value(), policy.current(), policy.minimum())
              .query(
                  (r, n) ->
                      new Row(
                          r.getObject(1, UUID.class),
                          new CredentialName(
                              CredentialKind.valueOf(r.getString(2)),
                              r.getString(3),
                              r.getString(4)),
                          r.getBytes(5)))
              .list();
      if (older.isEmpty()) {
        break;
      }
      for (Row row : older) {
        byte[] ad = associatedData(tenant, row.id(), row.name());
        byte[] dataKey = null;
        try {
          Envelope envelope = Envelope.decode(row.envelope());
          dataKey =
              ring.kek(tenant, envelope.kekVersion(), row.name().toString())
                  .unwrap(envelope.wrappedKey(), ad);
          Envelope moved = envelope.rewrapped(policy.current(), target.wrap(dataKey, ad));
          rewrapped +=
              jdbc.sql(
                      "UPDATE wallet_credential SET envelope = ?, kek_version = ?"
                          + " WHERE id = ? AND envelope = ?")
                  .params(moved.encode(), policy.current(), row.id(), row.envelope())
                  .update();
        } catch (GeneralSecurityException
            | Envelope.MalformedEnvelopeException
            | KekRing.NoSuchKeyVersionException e) {
          skipped++;
          audit.append(
              tenant,
              actor,
              "wallet.tamper",
              row.name().toString(),
              "failed",
              Map.of("reason", "envelope did not authenticate during rotation"));
        } catch (KeyUnavailableException e) {
          skipped++;
          log.warn("Rotation skipped {}: {}", row.name(), e.getMessage());
        } finally {
          if (dataKey != null) {
            Arrays.fill(dataKey, (byte) 0);
          }
        }
      }
    }
    audit.append(
        tenant,
        actor,
        "wallet.key.rotated",
        "kek/v" + policy.current(),
        "ok",
        Map.of("rewrapped", "" + rewrapped, "skipped", "" + skipped));
    log.info(
        "Key-encryption key of tenant {} rotated to version {}: {} data keys re-wrapped, {} skipped",
        tenant,
        policy.current(),
        rewrapped,
        skipped);
    return status(tenant);
  }

  @Override
  public KeyStatus requireMinimumVersion(TenantId tenant, int version, String actor) {
    ring.requireMinimum(tenant, version);
    audit.append(tenant, actor, "wallet.key.minimum", "kek/v" + version, "ok", Map.of());
    return status(tenant);
  }

  private Envelope seal(
      TenantId tenant, UUID id, CredentialName name, int version, SecretFields fields) {
    byte[] ad = associatedData(tenant, id, name);
    SecretBytes dataKey = TinkKeys.newKey();
    byte[] raw = TinkKeys.raw(dataKey);
    byte[] plaintext = SecretCodec.encode(fields);
    try {
      Aead aead = TinkKeys.aesGcm(dataKey);
      byte[] ciphertext = aead.encrypt(plaintext, ad);
      byte[] wrapped = ring.open(tenant, version).wrap(raw, ad);
      return new Envelope(version, wrapped, ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private SecretFields unseal(TenantId tenant, UUID id, CredentialName name, byte[] stored) {
    byte[] ad = associatedData(tenant, id, name);
    Envelope envelope;
    try {
      envelope = Envelope.decode(stored);
    } catch (Envelope.MalformedEnvelopeException e) {
      throw new CredentialTamperedException(name + ": malformed envelope (" + e.getMessage() + ")");
    }
    KeyProvider.Kek kek;
    try {
      kek = ring.kek(tenant, envelope.kekVersion(), name.toString());
    } catch (KekRing.NoSuchKeyVersionException e) {
      throw new CredentialTamperedException(
          name
              + ": the envelope names a key version this tenant does not have (altered or re-labelled)");
    }
    byte[] raw = null;
    try {
      raw = kek.unwrap(envelope.wrappedKey(), ad);
      byte[] plaintext = TinkKeys.aesGcm(TinkKeys.key(raw)).decrypt(envelope.ciphertext(), ad);
      return SecretCodec.decode(plaintext);
    } catch (GeneralSecurityException e) {
      throw new CredentialTamperedException(
          name
              + ": the envelope does not authenticate for this tenant, credential and owner"
              + " (altered, copied from another credential or re-labelled)");
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  /** Binds an envelope to tenant, credential id, kind (hence purpose), owner and slot. */
  static byte[] associatedData(TenantId tenant, UUID id, CredentialName name) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("microworks/credential/1");
      out.writeUTF(tenant.toString());
      out.writeUTF(id.toString());
      out.writeUTF(name.kind().name());
      out.writeUTF(name.kind().purpose().name());
      out.writeUTF(name.owner());
      out.writeUTF(name.slot());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<UUID> idOf(TenantId tenant, CredentialName name) {
    return jdbc.sql(
            "SELECT id FROM wallet_credential WHERE tenant_id = ? AND kind = ? AND owner = ?"
                + " AND slot = ?")
        .params(tenant.value(), name.kind().name(), name.owner(), name.slot())
        .query(UUID.class)
        .optional();
  }

  private static String fieldArray(SecretFields fields) {
    return "{" + String.join(",", fields.names()) + "}";
  }

  private static CredentialInfo info(ResultSet row) throws SQLException {
    Array names = row.getArray("field_names");
    return new CredentialInfo(
        row.getObject("id", UUID.class),
        new CredentialName(
            CredentialKind.valueOf(row.getString("kind")),
            row.getString("owner"),
            row.getString("slot")),
        Arrays.asList((String[]) names.getArray()),
        row.getInt("kek_version"),
        instant(row.getTimestamp("set_at")),
        row.getString("set_by"),
        instant(row.getTimestamp("last_used_at")),
        instant(row.getTimestamp("expires_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  @Override
  public String toString() {
    return "WalletService[" + ring.provider() + "]";
  }
}
