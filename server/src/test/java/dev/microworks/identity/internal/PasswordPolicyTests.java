package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

  private static final String EMAIL = "ada.lovelace@example.org";

  @Test
  void aLongUncommonPasswordPasses() {
    assertThat(PasswordPolicy.problems("analytical engine notes", EMAIL)).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce_inWordsAPersonCanActOn() {
    assertThat(PasswordPolicy.problems("ada", "ada@example.org"))
        .containsExactly(
            "The password has 3 characters; it needs at least 12 (a few unrelated words make a"
                + " long password easy to remember).",
            "The password must not be your e-mail address or the part before its @.");
  }

  @Test
  void lengthCountsCharactersNotBytes_andHasBothBounds() {
    assertThat(PasswordPolicy.problems("ääääääääääää", EMAIL)).isEmpty();
    assertThat(PasswordPolicy.problems("short", EMAIL))
        .singleElement()
        .asString()
        .contains("has 5 characters", "at least 12");
    assertThat(PasswordPolicy.problems("x".repeat(129), EMAIL))
        .singleElement()
        .asString()
        .contains("at most 128");
    assertThat(PasswordPolicy.problems("", EMAIL)).singleElement().asString().contains("empty");
    assertThat(PasswordPolicy.problems(null, EMAIL)).singleElement().asString().contains("empty");
  }

  @Test
  void theEmailAndItsLocalPartAreRefusedWhateverTheCase() {
    assertThat(PasswordPolicy.problems("Ada.Lovelace@Example.org", EMAIL))
        .anySatisfy(p -> assertThat(p).contains("e-mail address"));
  }

  @Test
  void commonPasswordsAreRefusedWhateverTheCase() {
    assertThat(PasswordPolicy.problems("Password1234", EMAIL))
        .singleElement()
        .asString()
        .contains("most common passwords");
    assertThat(PasswordPolicy.problems("QWERTYUIOP123", EMAIL)).isNotEmpty();
  }

  @Test
  void thePasswordIsNeverQuoted() {
    String password = "pw-with-a-marker";
    assertThat(PasswordPolicy.problems(password, EMAIL)).noneMatch(p -> p.contains(password));
  }
}
