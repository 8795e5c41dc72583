package dev.microworks.demosor.records;

import dev.microworks.demosor.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-proof cursors: base64url of the last record number and the updated_since filter,
 * signed with an HMAC key made at start (so cursors do not survive a restart, like the data).
 */
@Component
class Cursors {

  /**
   * What a cursor stands for.
   *
   * @param lastNumber the number of the last record already returned
   * @param since the updated_since filter of the listing, null if none
   */
  record Position(int lastNumber, Instant since) {}

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  Cursors() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  String encode(SorCollection collection, Position position) {
    String payload =
        collection.path()
            + '|'
            + position.lastNumber()
            + '|'
            + (position.since() == null ? "" : position.since().toString());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + '.' + ENCODER.encodeToString(sign(bytes));
  }

  /**
   * Decodes a cursor issued for this collection.
   *
   * @throws ApiException 400 if the cursor is malformed, tampered with or from another collection
   */
  Position decode(SorCollection collection, String cursor) {
    try {
      int dot = cursor.indexOf('.');
      byte[] payload = DECODER.decode(cursor.substring(0, dot));
      byte[] signature = DECODER.decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, sign(payload))) {
        throw invalid();
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 3 || !parts[0].equals(collection.path())) {
        throw invalid();
      }
      return new Position(
          Integer.parseInt(parts[1]), parts[2].isEmpty() ? null : Instant.parse(parts[2]));
    } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  /** The filter in force: the cursor's; a different updated_since alongside it is refused. */
  static Instant filter(Position position, Instant requested) {
    if (requested != null && !Objects.equals(requested, position.since())) {
      throw ApiException.badRequest(
          "updated_since differs from the one the cursor was issued for; "
              + "send the same updated_since or leave it out when passing a cursor");
    }
    return position.since();
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(payload);
      return java.util.Arrays.copyOf(full, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static ApiException invalid() {
    return ApiException.badRequest(
        "cursor is not valid (malformed, altered or from another collection); "
            + "pass the next_cursor of the previous page unchanged, or start without a cursor");
  }
}
