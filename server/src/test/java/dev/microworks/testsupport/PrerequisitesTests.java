package dev.microworks.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTests {

  @Test
  void aMissingPrerequisiteSkipsSayingWhatToInstall() {
    assertThatThrownBy(
            () ->
                Prerequisites.require(
                    false,
                    "PrerequisitesTests example suite",
                    "install PostgreSQL 15",
                    Map.<String, String>of()::get))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("PrerequisitesTests example suite skipped: install PostgreSQL 15");
  }

  @Test
  void theCiSwitchTurnsTheSkipIntoAFailure() {
    assertThatThrownBy(
            () ->
                Prerequisites.require(
                    false,
                    "PrerequisitesTests example suite",
                    "install PostgreSQL 15",
                    Map.of("MICROWORKS_TEST_REQUIRE_ALL", "true")::get))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("install PostgreSQL 15")
        .hasMessageContaining("turns this skip into a failure");
  }

  @Test
  void anAvailablePrerequisiteNeitherSkipsNorFails() {
    assertThatCode(
            () ->
                Prerequisites.require(
                    true,
                    "PrerequisitesTests example suite",
                    "install",
                    Map.of("MICROWORKS_TEST_REQUIRE_ALL", "true")::get))
        .doesNotThrowAnyException();
  }
}
