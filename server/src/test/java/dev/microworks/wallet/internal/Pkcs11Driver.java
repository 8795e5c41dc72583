package dev.microworks.wallet.internal;

import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.SoftHsm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Pkcs11KeyProvider} in a JVM of its own, driven line by line over stdin and stdout (see
 * {@link SoftHsm} for why the provider cannot run in the test JVM). Arguments: library and slot id;
 * the PIN comes from {@value Pkcs11KeyProvider#PIN_VARIABLE}, as in production. Commands, one
 * answer line each ({@code -} stands for empty bytes):
 *
 * <pre>
 * sealed                                   unsealed | sealed REASON
 * tick SECONDS                             ok  (advances the provider's clock)
 * create TENANT VERSION                    ok STORED-HEX
 * wrap TENANT VERSION KEY-HEX AAD-HEX      ok WRAPPED-HEX
 * unwrap TENANT VERSION WRAPPED-HEX AAD    ok KEY-HEX | rejected EXCEPTION: MESSAGE
 * key TENANT VERSION                       ok encoded=null KEY-DESCRIPTION
 * describe                                 the provider's toString()
 * </pre>
 *
 * Anything else thrown answers {@code error EXCEPTION: MESSAGE}.
 */
final class Pkcs11Driver {

  private static final HexFormat HEX = HexFormat.of();

  private Pkcs11Driver() {}

  public static void main(String[] args) throws IOException {
    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    String pin = System.getenv(Pkcs11KeyProvider.PIN_VARIABLE);
    KeyProvider provider =
        new Pkcs11KeyProvider(Path.of(args[0]), Long.parseLong(args[1]), pin.toCharArray(), clock);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      String answer;
      try {
        answer = answer(provider, clock, line.split(" "));
      } catch (RuntimeException e) {
        answer = "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      out.println(answer.replace('\n', ' '));
    }
  }

  private static String answer(KeyProvider provider, SettableClock clock, String[] words) {
    switch (words[0]) {
      case "sealed":
        return provider.sealedReason().map(reason -> "sealed " + reason).orElse("unsealed");
      case "tick":
        clock.advance(Duration.ofSeconds(Long.parseLong(words[1])));
        return "ok";
      case "create":
        return "ok " + hex(provider.createKek(tenant(words[1]), Integer.parseInt(words[2])));
      case "wrap":
        return "ok " + hex(kek(provider, words).wrap(bytes(words[3]), bytes(words[4])));
      case "unwrap":
        try {
          return "ok " + hex(kek(provider, words).unwrap(bytes(words[3]), bytes(words[4])));
        } catch (GeneralSecurityException e) {
          return "rejected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      case "key":
        var key = ((Pkcs11KeyProvider.Pkcs11Kek) kek(provider, words)).key();
        return "ok encoded=" + (key.getEncoded() == null ? "null" : "bytes") + " " + key;
      case "describe":
        return provider.toString();
      default:
        throw new IllegalArgumentException("unknown command " + words[0]);
    }
  }

  private static KeyProvider.Kek kek(KeyProvider provider, String[] words) {
    return provider.kek(tenant(words[1]), Integer.parseInt(words[2]), new byte[0]);
  }

  private static TenantId tenant(String value) {
    return new TenantId(UUID.fromString(value));
  }

  static String hex(byte[] bytes) {
    return bytes.length == 0 ? "-" : HEX.formatHex(bytes);
  }

  static byte[] bytes(String hex) {
    return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
  }

  /** The test's side: one driver JVM. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.answers =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a driver on {@code hsm}'s tokens; its stderr goes to {@code log}. */
    static Child start(SoftHsm hsm, Path library, long slot, String pin, Path log) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx64m");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Pkcs11Driver.class.getName());
      command.add(library.toString());
      command.add(Long.toString(slot));
      ProcessBuilder builder =
          hsm.environment(new ProcessBuilder(command))
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put(Pkcs11KeyProvider.PIN_VARIABLE, pin);
      try {
        return new Child(builder.start(), log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Sends one command; returns its answer. */
    String send(String... words) {
      commands.println(String.join(" ", words));
      try {
        String answer = answers.readLine();
        if (answer == null) {
          throw new IllegalStateException("the driver JVM exited; its stderr: " + log());
        }
        return answer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** What the driver wrote to stderr so far. */
    String log() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(unreadable: " + e.getMessage() + ")";
      }
    }

    @Override
    public void close() {
      commands.println("quit");
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
