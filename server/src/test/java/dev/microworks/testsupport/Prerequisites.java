package dev.microworks.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a suite whose prerequisite (a PostgreSQL server, a browser, an HSM) is missing, saying what
 * to install, or fails it when {@value #REQUIRE_ALL} is {@code true} — as {@code .ci/run} sets it,
 * so CI never passes by skipping.
 */
public final class Prerequisites {

  /**
   * System property (set from the Maven property of the same name) that turns skips into failures.
   */
  public static final String REQUIRE_ALL = "microworks.test.require-all";

  private Prerequisites() {}

  /**
   * Continues when {@code available}; otherwise skips (or fails) the current test or suite.
   *
   * @param suite the suite's name, as a reader of the build log would look for it
   * @param whatToDo what to install or set so the suite runs
   */
  public static void require(boolean available, String suite, String whatToDo) {
    if (available) {
      return;
    }
    String message = suite + " skipped: " + whatToDo;
    if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ALL))) {
      fail(message + " — and " + REQUIRE_ALL + "=true turns this skip into a failure.");
    }
    System.out.println("SKIPPED " + message);
    Assumptions.abort(message);
  }
}
