package dev.microworks.integration.internal;

import dev.microworks.integration.Integrations;
import dev.microworks.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * microworks.demo.sor-url}) is created if it does not exist yet, so its first sync fills the cache.
 */
@Component
@ConditionalOnProperty("microworks.demo.enabled")
class DemoIntegration {

  private static final Logger log = LoggerFactory.getLogger(DemoIntegration.class);
  static final String ID = "demo-sor-offset";
  private static final String EXAMPLE_URL = "http://127.0.0.1:8081";

  private final Integrations integrations;
  private final String sorUrl;

  DemoIntegration(Integrations integrations, Environment environment) {
    this.integrations = integrations;
    this.sorUrl = environment.getProperty("microworks.demo.sor-url", EXAMPLE_URL);
  }

  @EventListener(ApplicationReadyEvent.class)
  void createIfMissing() {
    if (integrations.find(TenantId.DEFAULT, ID).isPresent()) {
      return;
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
