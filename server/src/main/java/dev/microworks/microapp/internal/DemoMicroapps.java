package dev.microworks.microapp.internal;

import dev.microworks.integration.IntegrationSaved;
import dev.microworks.microapp.InvalidMicroappException;
import dev.microworks.microapp.Microapps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code microworks.demo.enabled}): when the demo integration is first saved, the demo
 * microapps ({@code microapps/demo-*.yaml}: a helpdesk and approvals) are saved with it, so the
 * first sync already raises cards.
 */
@Component
@ConditionalOnProperty("microworks.demo.enabled")
class DemoMicroapps {

  private static final Logger log = LoggerFactory.getLogger(DemoMicroapps.class);
  static final String INTEGRATION = "demo-sor-offset";
  static final List<String> FILES = List.of("demo-helpdesk", "demo-approvals");

  private final Microapps microapps;

  DemoMicroapps(Microapps microapps) {
    this.microapps = microapps;
  }

  @ApplicationModuleListener
  void on(IntegrationSaved saved) {
    if (!saved.id().equals(INTEGRATION) || saved.revision() != 1) {
      return;
    }
    for (String file : FILES) {
      String yaml = read("/microapps/" + file + ".yaml");
      String id = file.substring("demo-".length());
      if (microapps.find(saved.tenant(), id).isPresent()) {
        continue;
      }
      try {
        microapps.save(saved.tenant(), yaml, "microapps/" + file + ".yaml", "demo-mode");
        log.info("Demo mode: created microapp '{}'", id);
      } catch (InvalidMicroappException e) {
        log.warn("Demo mode: microapp '{}' not created: {}", id, e.getMessage());
      }
    }
  }

  static String read(String path) {
    try (InputStream in = DemoMicroapps.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
