package dev.microworks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Microworks server as a separate operating-system process, started the way an operator starts
 * it (its own JVM, on the test class path), so tests can stop it, kill it and start it again.
 */
public final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int httpPort;

  private ServerProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** Starts {@code mainClass} with the given arguments, output going to {@code log}. */
  public static ServerProcess start(String mainClass, Path log, int httpPort, List<String> args) {
    return start(mainClass, log, httpPort, args, java.util.Map.of());
  }

  /**
   * Starts {@code mainClass} with the given arguments and extra environment variables, output going
   * to {@code log}. The wallet's master key variable is never inherited from the test's own
   * environment: a test gives it explicitly or uses the master key file.
   */
  public static ServerProcess start(
      String mainClass,
      Path log,
      int httpPort,
      List<String> args,
      java.util.Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--server.port=" + httpPort);
    if (args.stream().noneMatch(arg -> arg.contains("wallet.local.master-key-file"))) {
      command.add("--" + TestWallet.masterKeyProperty());
    }
    command.addAll(args);
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().remove("MICROWORKS_WALLET_MASTER_KEY");
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ServerProcess(process, log, httpPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free TCP port on 127.0.0.1 (free now; good enough for a test). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the readiness probe answers UP; fails with the log's tail if the process died. */
  public void awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + tail());
      }
      if (get("/actuator/health/readiness").contains("\"status\":\"UP\"")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server not ready within " + limit + ":\n" + tail());
  }

  /** The body of a GET, or an empty string when nothing answered. */
  public String get(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Stops the process the way a service manager does (SIGTERM) and waits for its exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("server did not stop within 60 s of SIGTERM:\n" + tail());
    }
    return process.exitValue();
  }

  /** Kills the process without warning (SIGKILL): no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Every line the process printed so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    List<String> lines = logLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
