package dev.microworks.identity.internal.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTests {

  static final String CODE = "abcde-23456";

  @Test
  void tenCodesByDefaultFormattedAsTwoGroupsOfFive() {
    List<String> codes = RecoveryCodes.generate();

    assertThat(codes).hasSize(10).doesNotHaveDuplicates();
    assertThat(codes).allMatch(code -> code.matches("[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}"));
  }

  @Test
  void codesNeverContainLookAlikeCharacters() {
    Set<Character> seen = new HashSet<>();
    for (String code : RecoveryCodes.generate(RecoveryCodes.MAX_COUNT)) {
      code.replace("-", "").chars().forEach(c -> seen.add((char) c));
    }

    assertThat(seen).doesNotContain('0', 'o', 'O', '1', 'l', 'I', 'i', 'L');
    assertThat(RecoveryCodes.ALPHABET).hasSize(31).doesNotContainAnyWhitespaces();
  }

  @Test
  void theCountIsBounded() {
    assertThat(RecoveryCodes.generate(1)).hasSize(1);
    assertThatThrownBy(() -> RecoveryCodes.generate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recovery code count must be between 1 and 100, was 0");
    assertThatThrownBy(() -> RecoveryCodes.generate(101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void normaliseIgnoresCaseSpacesAndDashes() {
    assertThat(RecoveryCodes.normalise("ABCDE-23456")).isEqualTo("abcde23456");
    assertThat(RecoveryCodes.normalise(" abcde 23456\n")).isEqualTo("abcde23456");
    assertThat(RecoveryCodes.normalise("ab-cd-e2 34-56")).isEqualTo("abcde23456");
    assertThat(RecoveryCodes.normalise(null)).isEmpty();
  }

  @Test
  void hashIsSha256OfTheNormalisedCode() throws Exception {
    byte[] expected =
        MessageDigest.getInstance("SHA-256")
            .digest("abcde23456".getBytes(StandardCharsets.US_ASCII));

    assertThat(RecoveryCodes.hash(CODE)).isEqualTo(expected);
    assertThat(RecoveryCodes.hash("ABCDE 23456")).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abcde-23456", "ABCDE-23456", "abcde23456", " AbCdE 23456 ", "abc-de2-3456"})
  void matchesThePresentedCodeHoweverItIsTyped(String presented) {
    assertThat(RecoveryCodes.matches(presented, RecoveryCodes.hash(CODE))).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"abcde-23457", "abcde-2345", "abcde-234567", "abcdo-23456", "abcde_23456"})
  void refusesOtherOrMalformedCodesWithoutException(String presented) {
    assertThat(RecoveryCodes.matches(presented, RecoveryCodes.hash(CODE))).isFalse();
  }

  @Test
  void refusesAMissingStoredHash() {
    assertThat(RecoveryCodes.matches(CODE, null)).isFalse();
    assertThat(RecoveryCodes.matches(CODE, new byte[0])).isFalse();
  }

  @Test
  void everyGeneratedCodeMatchesItsOwnHashOnly() {
    List<String> codes = RecoveryCodes.generate();
    byte[] first = RecoveryCodes.hash(codes.get(0));

    assertThat(RecoveryCodes.matches(codes.get(0), first)).isTrue();
    assertThat(codes.subList(1, codes.size()))
        .noneMatch(code -> RecoveryCodes.matches(code, first));
  }
}
