package dev.microworks.identity.internal.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.identity.internal.totp.Totp.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTests {

  /** RFC 6238 Appendix B seeds, one per hash function (as in the RFC's reference code). */
  static final byte[] SEED_SHA1 = ascii("12345678901234567890");

  static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");
  static final byte[] SEED_SHA512 =
      ascii("1234567890123456789012345678901234567890123456789012345678901234");

  static final Totp SIX = Totp.sha1Six();
  static final Instant NOW = Instant.ofEpochSecond(1_111_111_111); // step 37037037, 1 s into it

  @ParameterizedTest(name = "T={0} {1} -> {2}")
  @CsvSource({
    "59,          SHA1,   94287082",
    "59,          SHA256, 46119246",
    "59,          SHA512, 90693936",
    "1111111109,  SHA1,   07081804",
    "1111111109,  SHA256, 68084774",
    "1111111109,  SHA512, 25091201",
    "1111111111,  SHA1,   14050471",
    "1111111111,  SHA256, 67062674",
    "1111111111,  SHA512, 99943326",
    "1234567890,  SHA1,   89005924",
    "1234567890,  SHA256, 91819424",
    "1234567890,  SHA512, 93441116",
    "2000000000,  SHA1,   69279037",
    "2000000000,  SHA256, 90698825",
    "2000000000,  SHA512, 38618901",
    "20000000000, SHA1,   65353130",
    "20000000000, SHA256, 77737706",
    "20000000000, SHA512, 47863826",
  })
  void rfc6238AppendixBTestVectors(long seconds, Algorithm algorithm, String expected) {
    Totp totp = new Totp(algorithm, 8, Duration.ofSeconds(30));
    byte[] seed =
        switch (algorithm) {
          case SHA1 -> SEED_SHA1;
          case SHA256 -> SEED_SHA256;
          case SHA512 -> SEED_SHA512;
        };
    Instant time = Instant.ofEpochSecond(seconds);

    assertThat(totp.code(seed, totp.step(time))).isEqualTo(expected);
    assertThat(totp.verify(seed, expected, time, 0)).hasValue(totp.step(time));
  }

  @ParameterizedTest(name = "counter {0} -> {1}")
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
  })
  void rfc4226AppendixDHotpValues(long counter, String expected) {
    assertThat(SIX.code(SEED_SHA1, counter)).isEqualTo(expected);
  }

  @Test
  void sixDigitCodeIsTheLastSixDigitsOfTheEightDigitOne() {
    assertThat(SIX.code(SEED_SHA1, SIX.step(Instant.ofEpochSecond(1_111_111_109))))
        .isEqualTo("081804");
  }

  @Test
  void stepCountsWholePeriodsSinceTheEpoch() {
    assertThat(SIX.step(Instant.ofEpochSecond(0))).isZero();
    assertThat(SIX.step(Instant.ofEpochSecond(29, 999_999_999))).isZero();
    assertThat(SIX.step(Instant.ofEpochSecond(30))).isEqualTo(1);
    assertThat(SIX.step(Instant.ofEpochSecond(1_111_111_109))).isEqualTo(0x23523ECL);
    assertThat(new Totp(Algorithm.SHA1, 6, Duration.ofSeconds(60)).step(Instant.ofEpochSecond(119)))
        .isEqualTo(1);
  }

  @Test
  void verifyReturnsTheStepOfTheCurrentCode() {
    long step = SIX.step(NOW);

    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step), NOW, 1)).hasValue(step);
  }

  @Test
  void windowOneAcceptsThePreviousAndTheNextStep() {
    long step = SIX.step(NOW);

    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step - 1), NOW, 1)).hasValue(step - 1);
    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step + 1), NOW, 1)).hasValue(step + 1);
  }

  @Test
  void windowOneRefusesCodesTwoStepsAway() {
    long step = SIX.step(NOW);

    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step - 2), NOW, 1)).isEmpty();
    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step + 2), NOW, 1)).isEmpty();
  }

  @Test
  void windowZeroAcceptsOnlyTheCurrentStep() {
    long step = SIX.step(NOW);

    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step), NOW, 0)).hasValue(step);
    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step - 1), NOW, 0)).isEmpty();
    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, step + 1), NOW, 0)).isEmpty();
  }

  /** What the caller's replay check relies on: a code maps to its step, later too. */
  @Test
  void aReplayedCodeMatchesTheStepAlreadyAccepted() {
    long step = SIX.step(NOW);
    String code = SIX.code(SEED_SHA1, step);
    OptionalLong first = SIX.verify(SEED_SHA1, code, NOW, 1);

    OptionalLong replayed = SIX.verify(SEED_SHA1, code, NOW.plusSeconds(30), 1);

    assertThat(replayed).isEqualTo(first).hasValue(step);
  }

  @Test
  void aWrongCodeIsRefused() {
    String code = SIX.code(SEED_SHA1, SIX.step(NOW));
    char last = code.charAt(5);
    String wrong = code.substring(0, 5) + (char) ('0' + (last - '0' + 1) % 10);

    assertThat(SIX.verify(SEED_SHA1, wrong, NOW, 1)).isEmpty();
    assertThat(SIX.verify(SEED_SHA256, code, NOW, 0)).isEmpty();
  }

  @Test
  void codesAsAppsShowThemAreAccepted() {
    String code = SIX.code(SEED_SHA1, SIX.step(NOW)); // 050471
    String spaced = code.substring(0, 3) + " " + code.substring(3);

    assertThat(SIX.verify(SEED_SHA1, spaced, NOW, 0)).isPresent();
    assertThat(SIX.verify(SEED_SHA1, "  " + code + "\n", NOW, 0)).isPresent();
    assertThat(SIX.verify(SEED_SHA1, "\t" + spaced + " ", NOW, 0)).isPresent();
  }

  @Test
  void eightDigitCodesAcceptASpaceAfterTheFourth() {
    Totp eight = new Totp(Algorithm.SHA1, 8, Duration.ofSeconds(30));

    assertThat(eight.verify(SEED_SHA1, "1405 0471", NOW, 0)).isPresent();
    assertThat(eight.verify(SEED_SHA1, "140 50471", NOW, 0)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "05047",
        "0504711",
        "14050471",
        "05o471",
        "abcdef",
        "05 0471",
        "050  471",
        "050-471",
        "+50471",
        "-50471",
        "٠٥٠٤٧١",
        "０５０４７１",
        "050471\u0000",
      })
  void malformedCodesAreRefusedWithoutException(String code) {
    assertThat(SIX.verify(SEED_SHA1, code, NOW, 1)).isEmpty();
  }

  @Test
  void stepsBeforeTheEpochAreNeverTried() {
    Instant epoch = Instant.EPOCH;

    assertThat(SIX.verify(SEED_SHA1, SIX.code(SEED_SHA1, 0), epoch, 1)).hasValue(0);
    assertThat(SIX.verify(SEED_SHA1, "000000", Instant.ofEpochSecond(-3600), 1)).isEmpty();
  }

  @Test
  void invalidParametersAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new Totp(Algorithm.SHA1, 7, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 7");
    assertThatThrownBy(() -> new Totp(Algorithm.SHA1, 6, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new Totp(Algorithm.SHA1, 6, Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT1.5S");
    assertThatThrownBy(() -> SIX.verify(SEED_SHA1, "123456", NOW, Totp.MAX_WINDOW + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 11");
    assertThatThrownBy(() -> SIX.verify(SEED_SHA1, "123456", NOW, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SIX.code(new byte[0], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> SIX.code(SEED_SHA1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void codeLeavesTheSecretUntouched() {
    byte[] secret = SEED_SHA1.clone();

    SIX.code(secret, 1);
    SIX.verify(secret, "123456", NOW, 1);

    assertThat(secret).isEqualTo(SEED_SHA1);
  }

  @Test
  void toStringShowsTheParameters() {
    assertThat(SIX).hasToString("Totp[SHA1, 6 digits, 30 s]");
    assertThat(SIX).isEqualTo(new Totp(Algorithm.SHA1, 6, Duration.ofSeconds(30)));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
