package dev.microworks.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a suite whose prerequisite (a PostgreSQL server, a browser, an HSM) is missing, saying what
 * to install, or fails it when the environment variable {@value #REQUIRE_ALL} (or the system
 * property {@value #REQUIRE_ALL_PROPERTY}) is {@code true} — as {@code .ci/run} sets it, so CI
 * never passes by skipping.
 */
public final class Prerequisites {

  /** Environment variable that turns skips into failures; {@code .ci/run} sets it. */
  public static final String REQUIRE_ALL = "MICROWORKS_TEST_REQUIRE_ALL";

  /** The same switch as a system property ({@code mvn -Dmicroworks.test.require-all=true}). */
  public static final String REQUIRE_ALL_PROPERTY = "microworks.test.require-all";

  private Prerequisites() {}

  /**
   * Continues when {@code available}; otherwise skips (or fails) the current test or suite.
   *
   * @param suite the suite's name, as a reader of the build log would look for it
   * @param whatToDo what to install or set so the suite runs
   */
  public static void require(boolean available, String suite, String whatToDo) {
    require(available, suite, whatToDo, System::getenv);
  }

  static void require(
      boolean available, String suite, String whatToDo, UnaryOperator<String> environment) {
    if (available) {
      return;
    }
    String message = suite + " skipped: " + whatToDo;
    if (requireAll(environment)) {
      fail(message + " — and " + REQUIRE_ALL + "=true turns this skip into a failure.");
    }
    System.out.println("SKIPPED " + message);
    Assumptions.abort(message);
  }

  static boolean requireAll(UnaryOperator<String> environment) {
    return "true".equalsIgnoreCase(environment.apply(REQUIRE_ALL))
        || Boolean.getBoolean(REQUIRE_ALL_PROPERTY);
  }
}
