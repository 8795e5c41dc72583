package dev.microworks.integration.internal;

import dev.microworks.integration.Credential;
import dev.microworks.integration.Integrations;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CredentialName;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import dev.microworks.wallet.WalletState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code microworks.demo.enabled=true}, set by {@code run.sh}): on start, the demo
 * system of record's integration ({@code integrations/demo-sor-offset.yaml}, pointed at {@code
 * microworks.demo.sor-url}) is created if it does not exist yet, with the demo SoR's published demo
 * client (docs/demo-sor.md) stored in the wallet, so its first sync fills the cache.
 */
@Component
@ConditionalOnProperty("microworks.demo.enabled")
class DemoIntegration {

  private static final Logger log = LoggerFactory.getLogger(DemoIntegration.class);
  static final String ID = "demo-sor-offset";
  private static final String EXAMPLE_URL = "http://127.0.0.1:8081";

  private static final String SLOT = "demo-sor-service";

  /** The demo SoR's demo OAuth client: public demo data, documented in docs/demo-sor.md. */
  private static final String DEMO_CLIENT_ID = "microworks-sync";

  private static final String DEMO_CLIENT_SECRET = "sync-secret";

  private final Integrations integrations;
  private final Wallet wallet;
  private final String sorUrl;

  DemoIntegration(Integrations integrations, Wallet wallet, Environment environment) {
    this.integrations = integrations;
    this.wallet = wallet;
    this.sorUrl = environment.getProperty("microworks.demo.sor-url", EXAMPLE_URL);
  }

  @EventListener(ApplicationReadyEvent.class)
  void createIfMissing() {
    if (integrations.find(TenantId.DEFAULT, ID).isPresent()) {
      return;
    }
    WalletState state = wallet.state();
    if (state.sealed()) {
      log.warn(
          "Demo mode: the wallet is sealed ({}); the demo integration is not created",
          state.reason());
      return;
    }
    CredentialName name = CredentialName.serviceAccount(ID, SLOT);
    if (wallet.info(TenantId.DEFAULT, name).isEmpty()) {
      try (SecretFields client =
          SecretFields.of(
              Map.of(
                  Credential.CLIENT_ID, DEMO_CLIENT_ID.toCharArray(),
                  Credential.CLIENT_SECRET, DEMO_CLIENT_SECRET.toCharArray()))) {
        wallet.put(TenantId.DEFAULT, name, client, null, "demo-mode");
      }
    }
    String yaml = example().replace(EXAMPLE_URL, sorUrl);
    integrations.save(TenantId.DEFAULT, yaml, "integrations/" + ID + ".yaml");
    log.info("Demo mode: created integration '{}' for the demo SoR at {}", ID, sorUrl);
  }

  private static String example() {
    try (InputStream in =
        DemoIntegration.class.getResourceAsStream("/integrations/" + ID + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
