package dev.microworks.wallet.internal;

import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.WalletSealedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The {@code pkcs11} key provider: each KEK is an AES-256 key generated inside a PKCS#11 token (an
 * HSM, or SoftHSM2) and used there through the JDK's SunPKCS11 provider. The key never leaves the
 * token, so {@link #createKek} returns an empty array and backing the token up is the HSM
 * operator's job.
 *
 * <p>Each KEK is a private token object labelled {@code microworks-kek-<tenant>-v<version>} with
 * {@code CKA_SENSITIVE} true and {@code CKA_EXTRACTABLE} false. It is generated as a session object
 * and copied into the token under its label ({@code KeyStore.setEntry}), because SunPKCS11's
 * KeyGenerator cannot label what it generates.
 *
 * <p>A wrapped data key is laid out as the local provider's: a 12-byte random nonce, then the
 * AES-GCM ciphertext with its 16-byte tag appended. Encryption runs in the token ({@code
 * CKM_AES_GCM}) with a nonce this class picks.
 *
 * <p>The token is chosen by PKCS#11 slot id, as {@code softhsm2-util --show-slots} or {@code
 * pkcs11-tool --module <library> --list-slots} prints it: SunPKCS11 selects tokens by slot only,
 * and reading token labels needs its non-exported classes.
 *
 * <p>Sealed while the library is missing, the slot has no initialised token or the PIN is refused;
 * {@link #sealedReason} looks again at most once a second, except after a refused PIN: retrying the
 * same PIN every second would lock the token's user PIN on a real HSM. (Whether a token created
 * after the library was loaded shows up is the library's business: SoftHSM2 reads its token
 * directory once, so it needs a restart.) The PIN is never logged, printed or put in a message.
 */
final class Pkcs11KeyProvider implements KeyProvider {

  static final String ID = "pkcs11";

  /** Environment variable the wallet reads the user PIN from. */
  static final String PIN_VARIABLE = "MICROWORKS_WALLET_PKCS11_PIN";

  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final Set<String> PIN_ERRORS =
      Set.of(
          "CKR_PIN_INCORRECT",
          "CKR_PIN_INVALID",
          "CKR_PIN_LEN_RANGE",
          "CKR_PIN_EXPIRED",
          "CKR_PIN_LOCKED");
  private static final Pattern PKCS11_ERROR = Pattern.compile("CKR_[A-Z0-9_]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path library;
  private final long slot;
  private final char[] pin;
  private final Clock clock;

  private volatile Token token; // null while sealed
  private volatile String sealedReason = "not checked yet";
  private volatile boolean pinRefused;
  private volatile Instant checkedAt = Instant.MIN;

  /**
   * @param library the token's PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
   * @param slot the PKCS#11 slot id of the token
   * @param pin the token's user PIN; copied, so the caller may clear its array
   */
  Pkcs11KeyProvider(Path library, long slot, char[] pin, Clock clock) {
    this.library = library.toAbsolutePath();
    this.slot = slot;
    this.pin = pin.clone();
    this.clock = clock;
    open();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<String> sealedReason() {
    if (token == null && !pinRefused && clock.instant().isAfter(checkedAt.plus(RECHECK))) {
      reopen();
    }
    return token == null ? Optional.of(sealedReason) : Optional.empty();
  }

  @Override
  public byte[] createKek(TenantId tenant, int version) {
    Token current = token();
    String alias = alias(tenant, version);
    synchronized (current) {
      try {
        // Reloading re-reads the labels, so a key another server node created is seen.
        current.load(pin);
        if (current.keyStore.containsAlias(alias)) {
          throw new IllegalStateException(
              "%s already exists in %s; a KEK is never overwritten: create the next version"
                  .formatted(alias, where()));
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES", current.provider);
        generator.init(KEY_BITS);
        SecretKey sessionKey = generator.generateKey();
        current.keyStore.setEntry(alias, new KeyStore.SecretKeyEntry(sessionKey), null);
      } catch (ProviderException e) {
        throw lost(current, e);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(
            "creating %s in %s failed: %s".formatted(alias, where(), describe(e)), e);
      }
    }
    return new byte[0];
  }

  @Override
  public Kek kek(TenantId tenant, int version, byte[] stored) {
    String alias = alias(tenant, version);
    if (stored.length != 0) {
      throw new KeyUnavailableException(
          "KEK version %d of tenant %s carries %d stored bytes; the pkcs11 provider stores none, so it was not created by it"
              .formatted(version, tenant, stored.length),
          null);
    }
    Token current = token();
    Key key;
    synchronized (current) {
      try {
        key = current.keyStore.getKey(alias, null);
        if (key == null) {
          current.load(pin);
          key = current.keyStore.getKey(alias, null);
        }
      } catch (ProviderException e) {
        throw lost(current, e);
      } catch (GeneralSecurityException | IOException e) {
        throw new KeyUnavailableException(
            "reading %s from %s failed: %s".formatted(alias, where(), describe(e)), e);
      }
    }
    if (!(key instanceof SecretKey)) {
      throw new KeyUnavailableException(
          ("no secret key %s in %s: the token was re-initialised or the key deleted. Restore the"
                  + " token from the HSM's backup; without it, what this KEK version wrapped cannot"
                  + " be decrypted")
              .formatted(alias, where()),
          null);
    }
    return new Pkcs11Kek((SecretKey) key, current.provider, alias);
  }

  static String alias(TenantId tenant, int version) {
    return "microworks-kek-" + tenant + "-v" + version;
  }

  private Token token() {
    Token current = token;
    if (current == null) {
      throw new WalletSealedException(sealedReason().orElse("PKCS#11 token went away"));
    }
    return current;
  }

  /**
   * SunPKCS11 throws ProviderException when the token went away (removed, HSM restarted, session
   * lost); its key store stays bound to the old token, so drop it and let {@link #sealedReason}
   * open the token again.
   */
  private synchronized WalletSealedException lost(Token lost, ProviderException e) {
    if (token == lost) {
      token = null;
      checkedAt = clock.instant();
      sealedReason = "lost %s (%s); looking for it again".formatted(where(), describe(e));
    }
    WalletSealedException sealed = new WalletSealedException(sealedReason);
    sealed.initCause(e);
    return sealed;
  }

  private synchronized void reopen() {
    // another thread may have looked while this one waited
    if (token == null && clock.instant().isAfter(checkedAt.plus(RECHECK))) {
      open();
    }
  }

  private synchronized void open() {
    checkedAt = clock.instant();
    if (!Files.isRegularFile(library)) {
      sealedReason =
          "PKCS#11 library "
              + library
              + " not found: install the HSM's PKCS#11 module (SoftHSM2: apt-get install softhsm2)"
              + " or fix the library path";
      return;
    }
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      sealedReason =
          "this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki): use a full JDK"
              + " or add the module to the runtime image";
      return;
    }
    Provider provider;
    try {
      provider = base.configure(configuration());
    } catch (ProviderException | IllegalArgumentException e) {
      String error = describe(e);
      sealedReason =
          error.startsWith("CKR_")
              ? ("no usable token in slot %d of %s (%s): initialise one (SoftHSM2: softhsm2-util"
                      + " --init-token --free --label microworks) and configure the slot id it"
                      + " prints; list slots with softhsm2-util --show-slots or pkcs11-tool"
                      + " --module %s --list-slots")
                  .formatted(slot, library, error, library)
              : "PKCS#11 library %s cannot be loaded (%s): is it the HSM's PKCS#11 module, built for this machine?"
                  .formatted(library, error);
      return;
    }
    Token opened;
    try {
      opened = new Token(provider, KeyStore.getInstance("PKCS11", provider));
      opened.load(pin);
    } catch (GeneralSecurityException | IOException | ProviderException e) {
      String error = describe(e);
      if (PIN_ERRORS.contains(error)) {
        pinRefused = true;
        sealedReason =
            ("PIN refused by the token in slot %d of %s (%s): set the token's user PIN in %s and"
                    + " restart; it is not retried, so that a wrong PIN cannot lock the token")
                .formatted(slot, library, error, PIN_VARIABLE);
      } else {
        sealedReason =
            "logging in to the token in slot %d of %s failed (%s)".formatted(slot, library, error);
      }
      return;
    }
    token = opened;
  }

  /**
   * Inline SunPKCS11 configuration. Generated AES keys are session objects, sensitive and not
   * extractable; {@code KeyStore.setEntry} copies them into the token as private token objects
   * under their label, and a copy keeps both attributes.
   */
  private String configuration() {
    return String.join(
        "\n",
        "--name = microworks-wallet",
        "library = " + library,
        "slot = " + slot,
        "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {",
        "  CKA_SENSITIVE = true",
        "  CKA_EXTRACTABLE = false",
        "}",
        "");
  }

  /** The PKCS#11 error code (CKR_...) behind {@code e}, else its innermost message. */
  private static String describe(Throwable e) {
    String innermost = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        Matcher code = PKCS11_ERROR.matcher(message);
        if (code.find()) {
          return code.group();
        }
        innermost = message;
      }
    }
    return innermost;
  }

  private String where() {
    return "the token in slot " + slot + " of " + library;
  }

  @Override
  public String toString() {
    return "Pkcs11KeyProvider[" + library + ", slot " + slot + "]";
  }

  /** A logged-in SunPKCS11 provider and its key store. Holds no PIN. */
  private static final class Token {
    private final Provider provider;
    private final KeyStore keyStore;

    private Token(Provider provider, KeyStore keyStore) {
      this.provider = provider;
      this.keyStore = keyStore;
    }

    /** Logs in (a no-op when logged in already) and re-reads the token's labels. */
    void load(char[] pin) throws GeneralSecurityException, IOException {
      char[] copy = pin.clone();
      try {
        keyStore.load(null, copy);
      } finally {
        Arrays.fill(copy, '\0');
      }
    }
  }

  /** A KEK held in the token: AES-256-GCM run by the token, the nonce prepended. */
  static final class Pkcs11Kek implements Kek {
    private final SecretKey key;
    private final Provider provider;
    private final String alias;

    Pkcs11Kek(SecretKey key, Provider provider, String alias) {
      this.key = key;
      this.provider = provider;
      this.alias = alias;
    }

    /** The token's key handle, for inspection; {@code getEncoded()} is null. */
    SecretKey key() {
      return key;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] associatedData) {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      try {
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
        byte[] wrapped = new byte[NONCE_BYTES + cipher.getOutputSize(dataKey.length)];
        System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
        int written = cipher.doFinal(dataKey, 0, dataKey.length, wrapped, NONCE_BYTES);
        return written == wrapped.length - NONCE_BYTES
            ? wrapped
            : Arrays.copyOf(wrapped, NONCE_BYTES + written);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption with " + alias + " failed", e);
      }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
      if (wrapped.length < NONCE_BYTES + TAG_BYTES) {
        throw new GeneralSecurityException(
            "wrapped key of "
                + wrapped.length
                + " bytes is shorter than nonce and tag ("
                + (NONCE_BYTES + TAG_BYTES)
                + ")");
      }
      ByteBuffer input = ByteBuffer.wrap(wrapped);
      byte[] nonce = new byte[NONCE_BYTES];
      input.get(nonce);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
      return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData)
        throws GeneralSecurityException {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      if (associatedData != null && associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      return cipher;
    }

    @Override
    public String toString() {
      return "Kek[AES-256-GCM in PKCS#11 token, " + alias + "]";
    }
  }
}
