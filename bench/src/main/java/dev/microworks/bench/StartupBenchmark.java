package dev.microworks.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up time and idle memory of the server, next to baselines measured in the same run: a bare
 * JVM and the demo SoR (a Spring Boot web application without a database).
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -cp bench/target/classes dev.microworks.bench.StartupBenchmark [runs]</pre>
 */
public final class StartupBenchmark {

  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Path SERVER_JAR =
      Path.of("server/target/microworks-server-" + VERSION + "-exec.jar");
  private static final Path SOR_JAR = Path.of("demo-sor/target/demo-sor-" + VERSION + "-exec.jar");
  private static final Duration IDLE = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (Path jar : List.of(SERVER_JAR, SOR_JAR)) {
      if (!Files.exists(jar)) {
        throw new IllegalStateException(
            jar + " is missing: run 'mvn -B -DskipTests package' first");
      }
    }
    Path work = Files.createTempDirectory("microworks-startup-bench");
    System.out.printf("Start-up benchmark, %d runs each, median (min..max)%n%n", runs);

    List<Double> jvm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Process noop =
          new ProcessBuilder(
                  java(), "-cp", System.getProperty("java.class.path"), Noop.class.getName())
              .inheritIO()
              .start();
      noop.waitFor();
      jvm.add(seconds(start));
    }
    report("baseline: bare JVM (start + exit)", jvm);

    List<Double> sor = new ArrayList<>();
    Memory sorMemory = null;
    for (int i = 0; i < runs; i++) {
      Started started = start(List.of("-jar", SOR_JAR.toString()), "/actuator/health", work, i);
      sor.add(started.seconds);
      if (i == runs - 1) {
        sorMemory = idleMemory(started, null);
      }
      started.stop();
    }
    report("baseline: demo SoR (Spring Boot web app, no database) to health UP", sor);

    List<Double> fresh = new ArrayList<>();
    List<Double> restart = new ArrayList<>();
    Memory serverMemory = null;
    for (int i = 0; i < runs; i++) {
      Path data = work.resolve("data-" + i);
      List<String> args0 =
          List.of(
              "-jar",
              SERVER_JAR.toString(),
              "--microworks.database.embedded.data-directory=" + data,
              "--logging.level.root=WARN");
      Started first = start(args0, "/actuator/health/readiness", work, i);
      fresh.add(first.seconds);
      first.stop();
      Started again = start(args0, "/actuator/health/readiness", work, i);
      restart.add(again.seconds);
      if (i == runs - 1) {
        serverMemory = idleMemory(again, data);
      }
      again.stop();
    }
    report("server, new data directory (initdb + migrations) to readiness UP", fresh);
    report("server, existing data directory to readiness UP", restart);

    System.out.printf("%nIdle memory after %d s (resident set size):%n", IDLE.toSeconds());
    System.out.printf(Locale.ROOT, "  baseline demo SoR JVM      %7.1f MB%n", sorMemory.jvmRssMb);
    System.out.printf(
        Locale.ROOT, "  server JVM                 %7.1f MB%n", serverMemory.jvmRssMb);
    System.out.printf(
        Locale.ROOT,
        "  server embedded PostgreSQL %7.1f MB (PSS of all its processes)%n",
        serverMemory.childRssMb);
    System.out.printf(
        Locale.ROOT, "  server heap in use         %7.1f MB%n", serverMemory.heapUsedMb);
  }

  private record Started(Process process, double seconds, int port) {
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private record Memory(double jvmRssMb, double childRssMb, double heapUsedMb) {}

  private static Started start(List<String> args, String readyPath, Path work, int run)
      throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(args);
    command.add("--server.port=" + port);
    Path log = work.resolve("run-" + run + "-" + System.nanoTime() + ".log");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("process exited; see " + log);
      }
      if (get(port, readyPath).contains("\"UP\"")) {
        return new Started(process, seconds(start), port);
      }
      if (seconds(start) > 120) {
        process.destroyForcibly();
        throw new IllegalStateException("not ready within 120 s; see " + log);
      }
      Thread.sleep(50);
    }
  }

  /**
   * The JVM's resident set, and the embedded PostgreSQL's proportional set (PSS: its processes
   * share buffers, so their RSS would count them several times). pg_ctl daemonises the postmaster,
   * so it is found through {@code postmaster.pid}, not as a child of the JVM.
   */
  private static Memory idleMemory(Started started, Path dataDirectory) throws Exception {
    Thread.sleep(IDLE.toMillis());
    double jvm = rssMb(started.process.pid());
    double postgres = 0;
    if (dataDirectory != null) {
      long postmaster =
          Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
      postgres =
          Stream.concat(
                  Stream.of(postmaster),
                  ProcessHandle.of(postmaster).stream()
                      .flatMap(ProcessHandle::descendants)
                      .map(ProcessHandle::pid))
              .mapToDouble(StartupBenchmark::pssMb)
              .sum();
    }
    double children = postgres;
    double heap =
        get(started.port, "/actuator/prometheus")
                .lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum()
            / 1024
            / 1024;
    return new Memory(jvm, children, heap);
  }

  private static double rssMb(long pid) {
    return kilobytes("/proc/" + pid + "/status", "VmRSS:") / 1024.0;
  }

  private static double pssMb(long pid) {
    return kilobytes("/proc/" + pid + "/smaps_rollup", "Pss:") / 1024.0;
  }

  /** The kB figure of the line starting with {@code field} in a /proc file; 0 if unreadable. */
  private static long kilobytes(String file, String field) {
    try (Stream<String> lines = Files.lines(Path.of(file))) {
      return lines
          .filter(l -> l.startsWith(field))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String get(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
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

  private static void report(String what, List<Double> seconds) {
    List<Double> sorted = seconds.stream().sorted(Comparator.naturalOrder()).toList();
    System.out.printf(
        Locale.ROOT,
        "  %-68s %6.2f s (%.2f..%.2f)%n",
        what,
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
