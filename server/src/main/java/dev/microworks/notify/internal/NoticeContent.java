package dev.microworks.notify.internal;

import dev.microworks.notify.FeedCard;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A notice's content at rest: {@code format(1) | AES-256-GCM(JSON)} under the tenant's cache key,
 * associated data = "notice", tenant and notice id (content copied to another row does not
 * decrypt).
 */
@Component
class NoticeContent {

  static final byte AES_GCM = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CacheKeys keys;

  NoticeContent(CacheKeys keys) {
    this.keys = keys;
  }

  /** What a notice says. */
  record Content(
      String microappTitle,
      String title,
      String body,
      List<FeedCard.Field> fields,
      List<FeedCard.Button> actions) {
    @Override
    public String toString() {
      return "Content[" + microappTitle + "]";
    }
  }

  byte[] seal(TenantId tenant, UUID notice, Content content) {
    byte[] body =
        keys.forTenant(tenant).encrypt(JSON.writeValueAsBytes(content), associated(tenant, notice));
    byte[] stored = new byte[body.length + 1];
    stored[0] = AES_GCM;
    System.arraycopy(body, 0, stored, 1, body.length);
    return stored;
  }

  Content open(TenantId tenant, UUID notice, byte[] stored) {
    if (stored.length == 0 || stored[0] != AES_GCM) {
      throw new IllegalStateException("notice " + notice + " has an unknown content format");
    }
    byte[] json =
        keys.forTenant(tenant)
            .decrypt(Arrays.copyOfRange(stored, 1, stored.length), associated(tenant, notice));
    return JSON.readValue(json, Content.class);
  }

  private static byte[] associated(TenantId tenant, UUID notice) {
    return ("notice|" + tenant.value() + "|" + notice).getBytes(StandardCharsets.UTF_8);
  }
}
