package dev.microworks.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.TestWallet;
import dev.microworks.wallet.WalletSealedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyProviderTests {

  @TempDir Path directory;

  final MutableClock clock = new MutableClock();

  @Test
  void withoutAMasterKeyItIsSealedAndSaysWhatToDoThenOpensWhenTheFileAppears() throws Exception {
    Path file = directory.resolve("master.key");
    LocalKeyProvider provider = new LocalKeyProvider(file, name -> null, clock);

    assertThat(provider.sealedReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("MICROWORKS_WALLET_MASTER_KEY")
                    .contains(file.toString())
                    .contains("openssl rand -base64 32"));
    assertThatThrownBy(() -> provider.createKek(TenantId.DEFAULT, 1))
        .isInstanceOf(WalletSealedException.class)
        .hasMessageStartingWith("wallet sealed: no master key");

    Files.writeString(file, TestWallet.newMasterKey() + "\n");
    assertThat(provider.sealedReason()).as("looked again too soon").isPresent();
    clock.advance(Duration.ofMillis(1100));
    assertThat(provider.sealedReason()).isEmpty();
    assertThat(provider.toString()).contains(file.toString());
  }

  @Test
  void aKekSealedByTheMasterKeyOpensOnlyWithItAndOnlyForItsTenantAndVersion() throws Exception {
    String master = TestWallet.newMasterKey();
    LocalKeyProvider provider = new LocalKeyProvider(null, env(master), clock);
    byte[] sealed = provider.createKek(TenantId.DEFAULT, 1);
    byte[] wrapped = provider.kek(TenantId.DEFAULT, 1, sealed).wrap(new byte[32], new byte[] {9});

    LocalKeyProvider again = new LocalKeyProvider(null, env(master), clock);
    assertThat(again.kek(TenantId.DEFAULT, 1, sealed).unwrap(wrapped, new byte[] {9}))
        .isEqualTo(new byte[32]);
    assertThatThrownBy(() -> again.kek(TenantId.DEFAULT, 1, sealed).unwrap(wrapped, new byte[] {8}))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> again.kek(TenantId.DEFAULT, 2, sealed))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining("does not open KEK version 2");

    LocalKeyProvider wrong = new LocalKeyProvider(null, env(TestWallet.newMasterKey()), clock);
    assertThatThrownBy(() -> wrong.kek(TenantId.DEFAULT, 1, sealed))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining("is it the master key this wallet was created with?");
  }

  @Test
  void aMasterKeyThatIsNotBase64Of32BytesIsRefusedWithoutBeingShown() throws Exception {
    String notBase64 = "this is not base64 at all!";
    assertThat(new LocalKeyProvider(null, env(notBase64), clock).sealedReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("is not base64")
                    .contains("MICROWORKS_WALLET_MASTER_KEY")
                    .doesNotContain(notBase64));
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(new LocalKeyProvider(null, env(short16), clock).sealedReason())
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("holds 16 bytes").doesNotContain(short16));
    // the variable wins over the file
    Path file = directory.resolve("k");
    Files.writeString(file, "garbage", StandardCharsets.US_ASCII);
    LocalKeyProvider both = new LocalKeyProvider(file, env(TestWallet.newMasterKey()), clock);
    assertThat(both.sealedReason()).isEmpty();
    assertThat(both.toString()).contains("MICROWORKS_WALLET_MASTER_KEY");
  }

  private static java.util.function.Function<String, String> env(String master) {
    return Map.of(LocalKeyProvider.MASTER_KEY_VARIABLE, master)::get;
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
