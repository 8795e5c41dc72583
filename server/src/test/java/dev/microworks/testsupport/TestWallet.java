package dev.microworks.testsupport;

import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wallet in tests: a master key file per test JVM, and the demo SoR's credentials. */
public final class TestWallet {

  /** The demo SoR's demo OAuth client (docs/demo-sor.md). */
  public static final String DEMO_CLIENT_ID = "microworks-sync";

  public static final String DEMO_CLIENT_SECRET = "sync-secret";

  private static Path masterKeyFile;

  private TestWallet() {}

  /** A file holding a random master key, made once per JVM. */
  public static synchronized Path masterKeyFile() {
    if (masterKeyFile == null) {
      try {
        Path file = Files.createTempFile("microworks-master-", ".key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        file.toFile().deleteOnExit();
        masterKeyFile = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return masterKeyFile;
  }

  /** The property pointing the local key provider at {@link #masterKeyFile()}. */
  public static String masterKeyProperty() {
    return "microworks.wallet.local.master-key-file=" + masterKeyFile();
  }

  /** A new random master key in base64. */
  public static String newMasterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Stores a service-account secret of an integration. */
  public static void putServiceAccount(
      Wallet wallet, String integration, String slot, Map<String, String> fields) {
    Map<String, char[]> values = new LinkedHashMap<>();
    fields.forEach((name, value) -> values.put(name, value.toCharArray()));
    try (SecretFields secret = SecretFields.of(values)) {
      wallet.put(
          TenantId.DEFAULT, CredentialName.serviceAccount(integration, slot), secret, null, "test");
    }
  }

  /** Stores the demo SoR's OAuth client and API key for an integration made from a demo spec. */
  public static void putDemoSorCredentials(Wallet wallet, String integration) {
    putServiceAccount(
        wallet,
        integration,
        "demo-sor-service",
        Map.of("clientId", DEMO_CLIENT_ID, "clientSecret", DEMO_CLIENT_SECRET));
    putServiceAccount(wallet, integration, "demo-sor-api-key", Map.of("key", DemoSor.API_KEY));
  }
}
