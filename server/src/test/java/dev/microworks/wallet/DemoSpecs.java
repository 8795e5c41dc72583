package dev.microworks.wallet;

import dev.microworks.testsupport.DemoSor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies made from the demo integration: its spec for the demo SoR under another id, the
 * same with secrets written into it, and credential PUT bodies.
 */
final class DemoSpecs {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TICKETS_LIST = "      full:\n        uri: /api/offset/tickets\n";

  private DemoSpecs() {}

  /** The demo integration's spec, pointed at the shared demo SoR, under {@code id}. */
  static String spec(String id) {
    try (InputStream in =
        DemoSpecs.class.getResourceAsStream("/integrations/demo-sor-offset.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceFirst("(?m)^id: demo-sor-offset$", "id: " + id)
          .replace("http://127.0.0.1:8081", DemoSor.shared().base().toString())
          .replace("requests: 20\n", "requests: 500\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #spec} with four secrets inline: a client secret in {@code security}, a password in
   * {@code connection}, an Authorization header and an {@code api_key} query parameter of a table.
   */
  static String withInlineSecrets(String id, List<String> secrets) {
    return spec(id)
        .replace(
            "  credential: demo-sor-service",
            "  client-secret: " + secrets.get(0) + "\n  credential: demo-sor-service")
        .replace("  verify-tls: true", "  verify-tls: true\n  password: " + secrets.get(1))
        .replace(
            TICKETS_LIST,
            TICKETS_LIST
                + "        headers:\n          Authorization: Bearer "
                + secrets.get(2)
                + "\n        query:\n          api_key: "
                + secrets.get(3)
                + "\n");
  }

  /** {@link #spec} whose YAML a secret breaks: an unclosed flow list. */
  static String withBrokenSecret(String id, String secret) {
    return spec(id).replace("  verify-tls: true", "  verify-tls: true\n  password: [" + secret);
  }

  /** {@link #spec} with a table's headers written as one string instead of a mapping. */
  static String withHeadersAsOneString(String id, String secret) {
    return spec(id)
        .replace(
            TICKETS_LIST,
            TICKETS_LIST + "        headers: \"Authorization: Bearer " + secret + "\"\n");
  }

  /** A credential PUT body: {@code {"fields": {...}, "expires_at": null}}. */
  static String credential(Map<String, String> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fields", fields);
    body.put("expires_at", null);
    return JSON.writeValueAsString(body);
  }
}
