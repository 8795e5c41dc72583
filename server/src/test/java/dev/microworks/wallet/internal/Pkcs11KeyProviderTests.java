package dev.microworks.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.testsupport.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pkcs11} provider against a fresh SoftHSM2 token per test. The provider runs in child
 * JVMs ({@link Pkcs11Driver}), because SoftHSM2 takes its token directory from the environment of
 * the process that loads it (see {@link SoftHsm}); that also makes the restart test a real one.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pkcs11KeyProviderTests {

  private static final String PIN = "user-pin-2718";
  private static final String TENANT = UUID.randomUUID().toString();
  private static final String DATA_KEY =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  private static final String AAD =
      HexFormat.of().formatHex("tenant/credential/1".getBytes(StandardCharsets.UTF_8));

  @TempDir Path directory;
  private SoftHsm hsm;
  private long slot;
  private final List<Pkcs11Driver.Child> children = new ArrayList<>();

  @BeforeAll
  static void softHsmInstalled() {
    SoftHsm.require("Pkcs11KeyProviderTests");
  }

  @BeforeEach
  void freshToken() {
    hsm = SoftHsm.in(directory);
    slot = hsm.initToken("microworks", PIN, "so-pin-3141");
  }

  @AfterEach
  void stopChildren() {
    children.forEach(Pkcs11Driver.Child::close);
  }

  @Test
  void wrapsAndUnwrapsADataKeyWithAKekThatLivesInTheToken() {
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, PIN);
    assertThat(provider.send("sealed")).isEqualTo("unsealed");
    assertThat(provider.send("create", TENANT, "1")).as("nothing to store").isEqualTo("ok -");

    String wrapped = value(provider.send("wrap", TENANT, "1", DATA_KEY, AAD));
    String again = value(provider.send("wrap", TENANT, "1", DATA_KEY, AAD));

    assertThat(wrapped).hasSize(2 * (12 + 32 + 16)).isNotEqualTo(again);
    assertThat(provider.send("unwrap", TENANT, "1", wrapped, AAD)).isEqualTo("ok " + DATA_KEY);
    assertThat(provider.send("unwrap", TENANT, "1", again, AAD)).isEqualTo("ok " + DATA_KEY);
  }

  @Test
  void alteredCiphertextOtherAssociatedDataOrAnotherKek_isRejected() {
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, PIN);
    String otherTenant = UUID.randomUUID().toString();
    provider.send("create", TENANT, "1");
    provider.send("create", otherTenant, "1");
    String wrapped = value(provider.send("wrap", TENANT, "1", DATA_KEY, AAD));

    for (int index : new int[] {0, 11, 12, 43, 44, 59}) { // nonce, ciphertext, tag
      assertThat(provider.send("unwrap", TENANT, "1", flip(wrapped, index), AAD))
          .as("byte %d altered", index)
          .startsWith("rejected ");
    }
    assertThat(provider.send("unwrap", TENANT, "1", wrapped, AAD.replace('1', '2')))
        .startsWith("rejected ");
    assertThat(provider.send("unwrap", TENANT, "1", wrapped, "-")).startsWith("rejected ");
    assertThat(provider.send("unwrap", otherTenant, "1", wrapped, AAD)).startsWith("rejected ");
    assertThat(provider.send("unwrap", TENANT, "1", wrapped.substring(0, 2 * 27), AAD))
        .isEqualTo(
            "rejected GeneralSecurityException: wrapped key of 27 bytes is shorter than nonce and"
                + " tag (28)");
    assertThat(provider.send("unwrap", TENANT, "1", wrapped, AAD)).isEqualTo("ok " + DATA_KEY);
  }

  @Test
  void kekIsASensitiveUnextractableTokenObject() {
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, PIN);
    provider.send("create", TENANT, "1");

    // SunPKCS11 describes a key by CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE as read back from
    // the token, so this observes the attributes the token holds.
    assertThat(provider.send("key", TENANT, "1"))
        .startsWith("ok encoded=null ")
        .contains("token object, sensitive, unextractable");
  }

  @Test
  void kekSurvivesARestartInANewJvm() {
    Pkcs11Driver.Child first = start(SoftHsm.LIBRARY, slot, PIN);
    first.send("create", TENANT, "1");
    String wrapped = value(first.send("wrap", TENANT, "1", DATA_KEY, AAD));
    first.close();

    Pkcs11Driver.Child second = start(SoftHsm.LIBRARY, slot, PIN);

    assertThat(second.send("unwrap", TENANT, "1", wrapped, AAD)).isEqualTo("ok " + DATA_KEY);
  }

  @Test
  void creatingAnExistingKekVersion_failsAndKeepsTheKek() {
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, PIN);
    provider.send("create", TENANT, "1");
    String wrapped = value(provider.send("wrap", TENANT, "1", DATA_KEY, AAD));

    assertThat(provider.send("create", TENANT, "1"))
        .isEqualTo(
            ("error IllegalStateException: microworks-kek-%s-v1 already exists in the token in slot"
                    + " %d of %s; a KEK is never overwritten: create the next version")
                .formatted(TENANT, slot, SoftHsm.LIBRARY));
    assertThat(provider.send("unwrap", TENANT, "1", wrapped, AAD)).isEqualTo("ok " + DATA_KEY);
  }

  @Test
  void kekMissingFromTheToken_isUnavailableNamingAliasAndToken() {
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, PIN);
    provider.send("create", TENANT, "1");

    assertThat(provider.send("wrap", TENANT, "2", DATA_KEY, AAD))
        .startsWith("error KeyUnavailableException: no secret key microworks-kek-" + TENANT + "-v2")
        .contains("in the token in slot " + slot + " of " + SoftHsm.LIBRARY)
        .contains("Restore the token from the HSM's backup");
  }

  @Test
  void wrongPin_sealsWithoutShowingThePin() {
    String wrongPin = "wrong-pin-1618";
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, slot, wrongPin);

    String reason = provider.send("sealed");
    assertThat(reason)
        .startsWith(
            "sealed PIN refused by the token in slot %d of %s (CKR_PIN_INCORRECT)"
                .formatted(slot, SoftHsm.LIBRARY))
        .doesNotContain(wrongPin);
    provider.send("tick", "5");
    assertThat(provider.send("sealed")).isEqualTo(reason);
    assertThat(provider.send("create", TENANT, "1"))
        .startsWith("error WalletSealedException: wallet sealed: PIN refused")
        .doesNotContain(wrongPin);
    assertThat(provider.send("describe"))
        .isEqualTo("Pkcs11KeyProvider[%s, slot %d]".formatted(SoftHsm.LIBRARY, slot));
    provider.close();
    assertThat(provider.log()).doesNotContain(wrongPin);
  }

  @Test
  void slotWithoutToken_sealsNamingSlotAndLibrary() {
    long noSuchSlot = slot == 4242 ? 4243 : 4242;
    Pkcs11Driver.Child provider = start(SoftHsm.LIBRARY, noSuchSlot, PIN);

    assertThat(provider.send("sealed"))
        .startsWith(
            "sealed no usable token in slot %d of %s (CKR_SLOT_ID_INVALID): initialise one"
                .formatted(noSuchSlot, SoftHsm.LIBRARY))
        .doesNotContain(PIN);
    assertThat(provider.send("create", TENANT, "1")).startsWith("error WalletSealedException");
  }

  @Test
  void missingLibrary_sealsUntilItAppears_lookingAgainAtMostOnceASecond() throws Exception {
    Path library = directory.resolve("lib").resolve("libsofthsm2.so");
    Pkcs11Driver.Child provider = start(library, slot, PIN);
    String reason = "sealed PKCS#11 library " + library + " not found";
    assertThat(provider.send("sealed")).startsWith(reason);

    Files.createDirectories(library.getParent());
    Files.copy(SoftHsm.LIBRARY, library);

    assertThat(provider.send("sealed")).as("within the second").startsWith(reason);
    provider.send("tick", "2");
    assertThat(provider.send("sealed")).isEqualTo("unsealed");
    assertThat(provider.send("create", TENANT, "1")).isEqualTo("ok -");
  }

  @Test
  void fileThatIsNoLibrary_sealsSayingItCannotBeLoaded() throws Exception {
    Path library = Files.writeString(directory.resolve("libnothing.so"), "not a library");
    Pkcs11Driver.Child provider = start(library, slot, PIN);

    assertThat(provider.send("sealed"))
        .startsWith("sealed PKCS#11 library " + library + " cannot be loaded (")
        .endsWith("is it the HSM's PKCS#11 module, built for this machine?");
  }

  private Pkcs11Driver.Child start(Path library, long slot, String pin) {
    Pkcs11Driver.Child child =
        Pkcs11Driver.Child.start(
            hsm, library, slot, pin, directory.resolve("driver-" + children.size() + ".log"));
    children.add(child);
    return child;
  }

  private static String value(String answer) {
    assertThat(answer).startsWith("ok ");
    return answer.substring(3);
  }

  private static String flip(String hex, int index) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    bytes[index] ^= 0x01;
    return HexFormat.of().formatHex(bytes);
  }
}
