package dev.microworks.identity.internal.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpSecretTests {

  static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final String RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void generatedSecretsAreTwentyFreshRandomBytes() {
    byte[] first = TotpSecret.generate().revealBytes();
    byte[] second = TotpSecret.generate().revealBytes();

    assertThat(first).hasSize(20);
    assertThat(second).hasSize(20).isNotEqualTo(first);
  }

  @Test
  void base32IsUpperCaseRfc4648WithoutPadding() {
    assertThat(TotpSecret.fromBytes(RFC_SEED).revealBase32()).isEqualTo(RFC_SEED_BASE32);
    // 16 bytes need padding in RFC 4648 ("...======"); the Key Uri Format wants it left off
    assertThat(TotpSecret.fromBytes(new byte[16]).revealBase32())
        .isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAA");
  }

  @Test
  void generatedSecretsSurviveABase32RoundTrip() {
    TotpSecret secret = TotpSecret.generate();

    assertThat(secret.revealBase32()).hasSize(32).matches("[A-Z2-7]+");
    assertThat(TotpSecret.fromBase32(secret.revealBase32()).revealBytes())
        .isEqualTo(secret.revealBytes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
        "gezd gnbv gy3t qojq gezd gnbv gy3t qojq",
        "  GEZDGNBV\tGY3TQOJQ\nGEZDGNBVGY3TQOJQ  ",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ======",
      })
  void decodingToleratesCaseWhitespaceAndPadding(String text) {
    assertThat(TotpSecret.fromBase32(text).revealBytes()).isEqualTo(RFC_SEED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8",
        "GEZDGNBV-GY3TQOJQ-GEZDGNBV-GY3TQOJQ",
        "GEZDGNBVGY3TQOJQ=GEZDGNBVGY3TQOJQ",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQÄ",
      })
  void decodingRefusesCharactersOutsideTheAlphabetWithoutQuotingTheText(String text) {
    assertThatThrownBy(() -> TotpSecret.fromBase32(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not Base32: character")
        .hasMessageNotContaining("GEZDGNBV");
  }

  @Test
  void decodingRefusesLengthsNoEncoderProduces() {
    // 33 characters: 165 bits, one character more than 20 bytes need
    assertThatThrownBy(() -> TotpSecret.fromBase32(RFC_SEED_BASE32 + "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("33 characters")
        .hasMessageNotContaining("GEZDGNBV");
    // 26 characters hold 16 bytes only if the last one's low 2 bits are zero: 'B' has them set
    assertThatThrownBy(() -> TotpSecret.fromBase32("AAAAAAAAAAAAAAAAAAAAAAAAAB"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("26 characters");
  }

  @Test
  void secretsShorterThan128BitsAreRefused() {
    assertThatThrownBy(() -> TotpSecret.fromBase32("JBSWY3DPEHPK3PXP")) // 10 bytes
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a TOTP secret needs at least 16 bytes (128 bits), this one has 10");
    assertThatThrownBy(() -> TotpSecret.fromBytes(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 15");
    assertThatThrownBy(() -> TotpSecret.fromBase32(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 0");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    TotpSecret secret = TotpSecret.fromBytes(RFC_SEED);

    assertThat(secret.toString())
        .isEqualTo("TotpSecret[20 bytes]")
        .doesNotContain(RFC_SEED_BASE32)
        .doesNotContain("1234567890");
  }

  @Test
  void revealedBytesAreACopyAndSoIsTheInput() {
    byte[] input = RFC_SEED.clone();
    TotpSecret secret = TotpSecret.fromBytes(input);
    input[0] = 0;
    secret.revealBytes()[1] = 0;

    assertThat(secret.revealBytes()).isEqualTo(RFC_SEED);
  }
}
