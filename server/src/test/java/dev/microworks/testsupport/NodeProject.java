package dev.microworks.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where {@code server/src/test/oidc} is, and whether Node.js and its packages are there. */
final class NodeProject {

  /** oidc-provider 8 runs on Node.js 18, 20 and 22 (9.x wants 22). */
  private static final int MIN_NODE_MAJOR = 18;

  private NodeProject() {}

  /** What is missing to run the provider, or {@code ""} when nothing is. */
  static String missing() {
    Optional<String> version = nodeVersion();
    if (version.isEmpty()) {
      return "node is not on the PATH";
    }
    String major = version.get().replaceFirst("^v(\\d+).*$", "$1");
    if (!major.matches("\\d+") || Integer.parseInt(major) < MIN_NODE_MAJOR) {
      return "node " + version.get() + " is too old for oidc-provider 8";
    }
    Optional<Path> project = directory();
    if (project.isEmpty()) {
      return "server/src/test/oidc/provider.mjs is not found from " + Path.of("").toAbsolutePath();
    }
    if (!Files.isDirectory(project.get().resolve("node_modules/oidc-provider"))) {
      return project.get().resolve("node_modules/oidc-provider") + " is missing";
    }
    return "";
  }

  /** {@code server/src/test/oidc}, found from the working directory or one of its parents. */
  static Optional<Path> directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          List.of(dir.resolve("src/test/oidc"), dir.resolve("server/src/test/oidc"))) {
        if (Files.isRegularFile(candidate.resolve("provider.mjs"))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nodeVersion() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getOutputStream().close();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!node.waitFor(10, TimeUnit.SECONDS) || node.exitValue() != 0) {
        node.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(output.trim());
    } catch (IOException notOnPath) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
