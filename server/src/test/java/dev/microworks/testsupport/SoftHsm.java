package dev.microworks.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SoftHSM2, a PKCS#11 token in files, for the HSM suites: one configuration and token directory of
 * its own per test.
 *
 * <p>SoftHSM2 reads its configuration from the environment variable {@value #CONFIG_VARIABLE} once,
 * when the process initialises the library, and does not see tokens created after that; a JVM
 * cannot change its own environment, and SunPKCS11 initialises a library once per JVM. So the test
 * JVM never loads the library: {@code softhsm2-util} and every JVM that uses a token are started as
 * child processes with {@link #environment} applied, which also makes a restart a real one.
 */
public final class SoftHsm {

  /** Where Debian and Ubuntu's {@code softhsm2} package puts the PKCS#11 module. */
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  public static final String CONFIG_VARIABLE = "SOFTHSM2_CONF";

  private static final String UTIL = "softhsm2-util";
  private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

  private final Path config;

  private SoftHsm(Path config) {
    this.config = config;
  }

  /** Skips or fails the calling suite unless SoftHSM2's library and utility are installed. */
  public static void require(String suite) {
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(LIBRARY)) {
      missing.add("the library " + LIBRARY);
    }
    if (!onPath(UTIL)) {
      missing.add(UTIL + " on the PATH");
    }
    Prerequisites.require(
        missing.isEmpty(),
        suite,
        "SoftHSM2 is missing (" + String.join(", ", missing) + "): apt-get install softhsm2");
  }

  /** A SoftHSM2 configuration keeping its tokens under {@code directory}; no token yet. */
  public static SoftHsm in(Path directory) {
    Path tokens = directory.resolve("tokens");
    Path config = directory.resolve("softhsm2.conf");
    try {
      Files.createDirectories(tokens);
      Files.writeString(
          config,
          String.join(
              "\n",
              "directories.tokendir = " + tokens.toAbsolutePath(),
              "objectstore.backend = file",
              "log.level = ERROR",
              "slots.removable = false",
              ""),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SoftHsm(config);
  }

  /**
   * Initialises a token in the first free slot.
   *
   * @return its PKCS#11 slot id (SoftHSM2 derives it from the token's serial number)
   */
  public long initToken(String label, String userPin, String soPin) {
    String output =
        run(UTIL, "--init-token", "--free", "--label", label, "--pin", userPin, "--so-pin", soPin);
    Matcher slot = SLOT.matcher(output);
    if (!slot.find()) {
      throw new IllegalStateException(UTIL + " --init-token printed no slot id: " + output);
    }
    return Long.parseLong(slot.group(1));
  }

  /** Points {@code process} at this configuration. */
  public ProcessBuilder environment(ProcessBuilder process) {
    process.environment().put(CONFIG_VARIABLE, config.toAbsolutePath().toString());
    return process;
  }

  private String run(String... command) {
    try {
      Process process = environment(new ProcessBuilder(command)).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command[0] + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "SoftHsm[" + config + "]";
  }
}
