package dev.microworks.wallet.internal;

import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CacheKeys;
import dev.microworks.wallet.SealedAtRest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event publication registry's serializer: JSON, as Spring Modulith's own, except that events
 * of a type marked {@link SealedAtRest} are stored as {@value #PREFIX} followed by base64 of their
 * JSON encrypted (AES-256-GCM) with the default tenant's cache key. Reading accepts both.
 */
final class SealingEventSerializer implements EventSerializer {

  static final String PREFIX = "mw-sealed:1:";
  private static final byte[] ASSOCIATED_DATA =
      "microworks/event-publication/1".getBytes(StandardCharsets.UTF_8);

  private final JsonMapper json;
  private final CacheKeys keys;

  SealingEventSerializer(JsonMapper json, CacheKeys keys) {
    this.json = json;
    this.keys = keys;
  }

  @Override
  public Object serialize(Object event) {
    String text = json.writeValueAsString(event);
    if (!event.getClass().isAnnotationPresent(SealedAtRest.class)) {
      return text;
    }
    byte[] sealed =
        keys.forTenant(TenantId.DEFAULT)
            .encrypt(text.getBytes(StandardCharsets.UTF_8), ASSOCIATED_DATA);
    return PREFIX + Base64.getEncoder().encodeToString(sealed);
  }

  @Override
  public <T> T deserialize(Object serialized, Class<T> type) {
    String text = serialized.toString();
    if (text.startsWith(PREFIX)) {
      byte[] sealed = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      text =
          new String(
              keys.forTenant(TenantId.DEFAULT).decrypt(sealed, ASSOCIATED_DATA),
              StandardCharsets.UTF_8);
    }
    return json.readValue(text, type);
  }

  @Override
  public String toString() {
    return "SealingEventSerializer";
  }
}
