package dev.microworks.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time used so far, in seconds: by this JVM (which hosts the server under test), by the
 * embedded PostgreSQL of a data directory (the postmaster, its live processes, and the ones that
 * ended: the postmaster's children's time), by a helper process (a fast source, a load generator),
 * and by the whole machine (busy time of all processors, from /proc/stat). CPU time depends less
 * than elapsed time on what else runs on the machine; the machine's busy time less ours shows how
 * much else did.
 *
 * @param helper the helper's CPU time; 0 without one, or once it has ended
 */
record CpuTime(double jvm, double postgres, double helper, double machine) {

  /** Before each measurement: how long a quiet spell is sought, and the longest wait. */
  static final double QUIET_SAMPLE_SECONDS = 2;

  static final double QUIET_WAIT_SECONDS = 120;

  private static final double TICKS_PER_SECOND = clockTicks();

  /** Now, for the PostgreSQL of {@code dataDirectory} and a {@code helper} (null: none). */
  static CpuTime now(Path dataDirectory, ProcessHandle helper) throws IOException {
    double jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9;
    long postmaster =
        Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    long ticks = ticks(postmaster, true);
    for (ProcessHandle process :
        ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants).toList()) {
      ticks += ticks(process.pid(), false);
    }
    return new CpuTime(
        jvm,
        ticks / TICKS_PER_SECOND,
        helper == null ? 0 : ticks(helper.pid(), false) / TICKS_PER_SECOND,
        machineBusyTicks() / TICKS_PER_SECOND);
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(
        jvm - earlier.jvm,
        postgres - earlier.postgres,
        helper - earlier.helper,
        machine - earlier.machine);
  }

  /** The server's: this JVM's and its PostgreSQL's. */
  double total() {
    return jvm + postgres;
  }

  /** Everything else the machine did meanwhile: other builds, tests, benchmarks. */
  double others() {
    return Math.max(0, machine - jvm - postgres - helper);
  }

  /**
   * One line: "server JVM … + PostgreSQL … = …; meanwhile {helperName} …, other processes …", with
   * how long it waited for a quiet machine when that was longer than one sample.
   */
  String describe(String helperName, double waitedSeconds) {
    return String.format(
        Locale.ROOT,
        "CPU time: server JVM %.2f s + PostgreSQL %.2f s = %.2f s;"
            + " meanwhile %s %.2f s, other processes %.2f s%s",
        jvm,
        postgres,
        total(),
        helperName,
        helper,
        others(),
        waitedSeconds > 1.5 * QUIET_SAMPLE_SECONDS
            ? String.format(
                Locale.ROOT, " (started after %.0f s waiting for a quiet machine)", waitedSeconds)
            : "");
  }

  /**
   * Waits (at most {@link #QUIET_WAIT_SECONDS}) until other processes used less than a tenth of a
   * processor over {@link #QUIET_SAMPLE_SECONDS}, while the server idles: on a shared machine a
   * build running alongside changes a measurement by tens of percent. Returns the seconds waited.
   */
  static double awaitQuiet(Path dataDirectory, ProcessHandle helper) throws Exception {
    long start = System.nanoTime();
    while (true) {
      CpuTime before = now(dataDirectory, helper);
      Thread.sleep((long) (QUIET_SAMPLE_SECONDS * 1000));
      double others = now(dataDirectory, helper).minus(before).others();
      double waited = (System.nanoTime() - start) / 1e9;
      if (others < 0.1 * QUIET_SAMPLE_SECONDS || waited >= QUIET_WAIT_SECONDS) {
        return waited;
      }
    }
  }

  /** utime + stime (+ cutime + cstime) from /proc/PID/stat; 0 if the process is gone. */
  private static long ticks(long pid, boolean withChildren) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (IOException gone) {
      return 0;
    }
    // the fields after the command name in parentheses: state (field 3) first, utime is 14th
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
  }

  /** All processors' busy time: the first line of /proc/stat less idle and iowait. */
  private static long machineBusyTicks() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < Math.min(fields.length, 9); i++) { // user .. steal, not guest
      if (i != 4 && i != 5) { // idle, iowait
        busy += Long.parseLong(fields[i]);
      }
    }
    return busy;
  }

  private static double clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      getconf.waitFor();
      return Double.parseDouble(out.trim());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    } catch (IOException | NumberFormatException e) {
      return 100; // USER_HZ on every Linux
    }
  }
}
