package dev.microworks.wallet.internal;

import com.google.crypto.tink.Aead;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.WalletSealedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code local} key provider: each KEK is a random AES-256 key stored sealed (AES-256-GCM) by a
 * master key the operator gives as the environment variable {@value #MASTER_KEY_VARIABLE} or in a
 * file ({@code microworks.wallet.local.master-key-file}); either holds 32 random bytes in base64
 * ({@code openssl rand -base64 32}). The variable wins when both are set.
 *
 * <p>Without a master key the provider is sealed; it looks again at most once a second, so a key
 * file written later unseals it without a restart. The master key is never logged or printed.
 */
final class LocalKeyProvider implements KeyProvider {

  static final String ID = "local";
  static final String MASTER_KEY_VARIABLE = "MICROWORKS_WALLET_MASTER_KEY";
  private static final Duration RECHECK = Duration.ofSeconds(1);

  private final Path masterKeyFile;
  private final Function<String, String> environment;
  private final Clock clock;

  private volatile Master master; // null while sealed
  private volatile String sealedReason = "not checked yet";
  private volatile Instant checkedAt = Instant.MIN;

  LocalKeyProvider(Path masterKeyFile, Function<String, String> environment, Clock clock) {
    this.masterKeyFile = masterKeyFile;
    this.environment = environment;
    this.clock = clock;
    load();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<String> sealedReason() {
    if (master == null && clock.instant().isAfter(checkedAt.plus(RECHECK))) {
      load();
    }
    return master == null ? Optional.of(sealedReason) : Optional.empty();
  }

  @Override
  public synchronized void keyRejected(String reason) {
    master = null;
    sealedReason = reason;
    checkedAt = clock.instant();
  }

  @Override
  public byte[] createKek(TenantId tenant, int version) {
    byte[] kek = TinkKeys.raw(TinkKeys.newKey());
    try {
      return master().aead.encrypt(kek, associatedData(tenant, version));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a new KEK failed", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  @Override
  public Kek kek(TenantId tenant, int version, byte[] stored) {
    byte[] raw;
    try {
      raw = master().aead.decrypt(stored, associatedData(tenant, version));
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException(
          "the master key does not open KEK version %d of tenant %s: is it the master key this wallet was created with?"
              .formatted(version, tenant),
          e);
    }
    try {
      return new AeadKek(TinkKeys.aesGcm(TinkKeys.key(raw)));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private Master master() {
    Master current = master;
    if (current == null) {
      throw new WalletSealedException(sealedReason().orElse("master key went away"));
    }
    return current;
  }

  private static byte[] associatedData(TenantId tenant, int version) {
    return ("microworks/kek/" + tenant + "/" + version).getBytes(StandardCharsets.UTF_8);
  }

  private synchronized void load() {
    checkedAt = clock.instant();
    String fromEnvironment = environment.apply(MASTER_KEY_VARIABLE);
    String encoded;
    String source;
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      encoded = fromEnvironment;
      source = "environment variable " + MASTER_KEY_VARIABLE;
    } else if (masterKeyFile != null && Files.isRegularFile(masterKeyFile)) {
      try {
        encoded = Files.readString(masterKeyFile, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        sealedReason = "master key file " + masterKeyFile + " cannot be read: " + e.getMessage();
        return;
      }
      source = "master key file " + masterKeyFile;
    } else {
      sealedReason =
          "no master key: set the environment variable "
              + MASTER_KEY_VARIABLE
              + " or microworks.wallet.local.master-key-file"
              + (masterKeyFile == null ? "" : " (" + masterKeyFile + " does not exist)")
              + " to 32 random bytes in base64 (openssl rand -base64 32)";
      return;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      sealedReason =
          source + " is not base64: give 32 random bytes in base64 (openssl rand -base64 32)";
      return;
    }
    try {
      if (key.length != TinkKeys.KEY_BYTES) {
        sealedReason =
            source
                + " holds "
                + key.length
                + " bytes; a master key is 32 random bytes in base64 (openssl rand -base64 32)";
        return;
      }
      master = new Master(TinkKeys.aesGcm(TinkKeys.key(key)), source);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Where the master key came from, for the log; never the key. */
  String source() {
    Master current = master;
    return current == null ? "none" : current.source;
  }

  @Override
  public String toString() {
    return "LocalKeyProvider[" + source() + "]";
  }

  private record Master(Aead aead, String source) {
    @Override
    public String toString() {
      return "Master[" + source + "]";
    }
  }

  /** A KEK held as a Tink AEAD. */
  record AeadKek(Aead aead) implements Kek {
    @Override
    public byte[] wrap(byte[] dataKey, byte[] associatedData) {
      try {
        return aead.encrypt(dataKey, associatedData);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
      return aead.decrypt(wrapped, associatedData);
    }

    @Override
    public String toString() {
      return "Kek[AES-256-GCM]";
    }
  }
}
