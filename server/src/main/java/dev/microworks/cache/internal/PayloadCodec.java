package dev.microworks.cache.internal;

import dev.microworks.cache.TableRef;
import dev.microworks.wallet.CacheKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How cached records are stored: the payload as {@code format(1) | body}, the content hash and the
 * lookup tokens, all with the tenant's cache keys from the wallet.
 *
 * <ul>
 *   <li>format 1: body = AES-256-GCM nonce(12) | ciphertext | tag(16), associated data = tenant,
 *       integration, table and record key (a payload copied to another row does not decrypt);
 *   <li>format 0: body = the JSON text in UTF-8, written only with {@code
 *       microworks.cache.encryption.enabled=false} (benchmarks); always readable.
 * </ul>
 *
 * The content hash is HMAC-SHA256 of the payload with the tenant's hash key; a lookup token is
 * HMAC-SHA256 with the tenant's index key of (integration, table, column) and the value, trimmed
 * and lower-cased (lookups are case-insensitive; exact matching happens after decryption).
 */
final class PayloadCodec {

  static final byte CLEAR = 0;
  static final byte AES_GCM = 1;

  private final CacheKeys keys;
  private final boolean encrypt;

  PayloadCodec(CacheKeys keys, boolean encrypt) {
    this.keys = keys;
    this.encrypt = encrypt;
  }

  boolean encrypts() {
    return encrypt;
  }

  byte[] hash(TableRef table, String payload) {
    return keys.forTenant(table.tenant()).contentHash(payload.getBytes(StandardCharsets.UTF_8));
  }

  byte[] seal(TableRef table, String key, String payload) {
    byte[] text = payload.getBytes(StandardCharsets.UTF_8);
    byte[] body =
        encrypt ? keys.forTenant(table.tenant()).encrypt(text, associatedData(table, key)) : text;
    byte[] stored = new byte[body.length + 1];
    stored[0] = encrypt ? AES_GCM : CLEAR;
    System.arraycopy(body, 0, stored, 1, body.length);
    return stored;
  }

  String open(TableRef table, String key, byte[] stored) {
    if (stored == null) {
      return null;
    }
    if (stored.length == 0) {
      throw new IllegalStateException("cached record " + key + " of " + table + " is empty");
    }
    byte[] body = java.util.Arrays.copyOfRange(stored, 1, stored.length);
    if (stored[0] == CLEAR) {
      return new String(body, StandardCharsets.UTF_8);
    }
    if (stored[0] != AES_GCM) {
      throw new IllegalStateException(
          "cached record " + key + " of " + table + " has unknown format " + stored[0]);
    }
    return new String(
        keys.forTenant(table.tenant()).decrypt(body, associatedData(table, key)),
        StandardCharsets.UTF_8);
  }

  /** The tokens of every lookup value, or null when there are none. */
  byte[][] lookupTokens(TableRef table, Map<String, List<String>> lookups) {
    if (lookups.isEmpty()) {
      return null;
    }
    List<byte[]> tokens = new ArrayList<>();
    lookups.forEach(
        (column, values) -> values.forEach(value -> tokens.add(token(table, column, value))));
    return tokens.toArray(new byte[0][]);
  }

  byte[] token(TableRef table, String column, String value) {
    return keys.forTenant(table.tenant())
        .blindIndex(
            table.integration() + "\u0000" + table.table() + "\u0000" + column,
            value.strip().toLowerCase(Locale.ROOT));
  }

  private static byte[] associatedData(TableRef table, String key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    part(out, "microworks/cache/1");
    part(out, table.tenant().toString());
    part(out, table.integration());
    part(out, table.table());
    part(out, key);
    return out.toByteArray();
  }

  private static void part(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >>> 24);
    out.write(bytes.length >>> 16);
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
  }
}
