package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Citrix bundle corpus ({@code ../shared/citrix-bundles}, or {@code
 * MICROWORKS_CITRIX_BUNDLES}): read-only test data, never copied into the project.
 */
public final class CitrixBundles {

  private CitrixBundles() {}

  /** The corpus directory, or empty when neither place has it. */
  public static Optional<Path> directory() {
    String configured = System.getenv("MICROWORKS_CITRIX_BUNDLES");
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/citrix-bundles");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Every {@code file.sapp}, sorted; the suite is skipped (a failure under the CI switch) when the
   * corpus is missing.
   */
  public static List<Path> files(String suite) {
    Optional<Path> directory = directory();
    Prerequisites.require(
        directory.isPresent(),
        suite,
        "put the Citrix bundles in ../shared/citrix-bundles or set MICROWORKS_CITRIX_BUNDLES");
    try (Stream<Path> walk = Files.walk(directory.get())) {
      return walk.filter(path -> path.getFileName().toString().equals("file.sapp"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
