package dev.microworks.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * At start-up: issues the bootstrap admin token if none exists (or rotates it when asked) and shows
 * the new token exactly once, in the log or in the configured file. A start that issues nothing
 * says so and shows nothing.
 */
@Component
class BootstrapTokenAnnouncer implements ApplicationRunner {

  static final String ALREADY_ISSUED =
      "Bootstrap admin token already issued (rotate with"
          + " --microworks.identity.bootstrap.rotate=true)";

  private static final Logger log = LoggerFactory.getLogger(BootstrapTokenAnnouncer.class);
  private static final String RULE = "=".repeat(96);

  private final BootstrapToken tokens;
  private final BootstrapTokenProperties properties;
  private final TransactionOperations transactions;

  BootstrapTokenAnnouncer(
      BootstrapToken tokens,
      BootstrapTokenProperties properties,
      TransactionOperations transactions) {
    this.tokens = tokens;
    this.properties = properties;
    this.transactions = transactions;
  }

  @Override
  public void run(ApplicationArguments args) {
    announce();
  }

  void announce() {
    // the file is written inside the transaction: if it cannot be written, nothing is issued
    Optional<IssuedToken> issued =
        transactions.execute(
            status -> {
              Optional<IssuedToken> token =
                  properties.rotate() ? Optional.of(tokens.rotate()) : tokens.issueIfAbsent();
              token.ifPresent(this::writeFileIfConfigured);
              return token;
            });
    if (issued == null || issued.isEmpty()) {
      log.info(ALREADY_ISSUED);
      return;
    }
    String what =
        properties.rotate()
            ? "Bootstrap admin token rotated: the previous token no longer works."
            : "Bootstrap admin token issued.";
    if (properties.tokenFile() != null) {
      log.warn(
          "{} It is in {} (permissions 600) and will not be shown again. Use it as"
              + " 'Authorization: Bearer <token>' on /api/v1/**, or as the first password of {}"
              + " at /login.",
          what,
          properties.tokenFile().toAbsolutePath(),
          properties.adminEmail());
    } else {
      log.warn(banner(what, issued.get()));
    }
  }

  private String banner(String what, IssuedToken token) {
    return String.join(
        "\n",
        "",
        RULE,
        " " + what + " It is shown ONCE and will not be shown again: copy it now.",
        "",
        "     " + token.reveal(),
        "",
        " Sign in at /login (http://localhost:8080/login by default) as "
            + properties.adminEmail()
            + " with this token as the",
        " password; you will choose a new password at once (until then the token is that"
            + " account's password).",
        " The token also authenticates the admin API as that user, with the header"
            + "   Authorization: Bearer "
            + token.reveal(),
        " e.g.  curl -H 'Authorization: Bearer <token>' http://localhost:8080/api/v1/integrations",
        " Only its hash is stored. Lost it? Start once with"
            + " --microworks.identity.bootstrap.rotate=true for a new one.",
        RULE);
  }

  private void writeFileIfConfigured(IssuedToken token) {
    Path file = properties.tokenFile();
    if (file == null) {
      return;
    }
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path temporary =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  target.getParent(),
                  ".bootstrap-token-",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(target.getParent(), ".bootstrap-token-", ".tmp");
      Files.writeString(temporary, token.reveal() + "\n", StandardCharsets.US_ASCII);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not write the bootstrap admin token to "
              + target
              + " (microworks.identity.bootstrap.token-file): "
              + e
              + ". No token was issued; fix the path or its permissions and start again.",
          e);
    }
  }
}
