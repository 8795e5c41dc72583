package dev.microworks.identity.internal.totp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * The secret shared with a user's authenticator app.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #generate()} draws {@value #GENERATED_BYTES} bytes (160 bits, the length RFC 4226
 *       recommends) from {@link SecureRandom}.
 *   <li>No secret is shorter than {@value #MINIMUM_BYTES} bytes (RFC 4226's minimum of 128 bits).
 *   <li>The bytes leave only through {@link #revealBytes()} and {@link #revealBase32()}, each
 *       returning a fresh copy; {@link #toString()} shows the length, never the secret, and no
 *       exception message contains any part of it.
 *   <li>{@link #revealBase32()} is RFC 4648 Base32: upper case, no padding, as the Key Uri Format
 *       wants; {@link #fromBase32} reads it back, tolerating lower case, whitespace and padding.
 * </ul>
 *
 * <p>Not a record, so that {@code toString()} cannot print it; instances are compared by identity.
 */
public final class TotpSecret {

  /** Length of a generated secret in bytes. */
  public static final int GENERATED_BYTES = 20;

  /** Shortest secret accepted, in bytes. */
  public static final int MINIMUM_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Strict: refuses text whose last character has bits set that no encoder would set. */
  private static final Base32 BASE32 = Base32.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

  private final byte[] bytes;

  private TotpSecret(byte[] bytes) {
    if (bytes.length < MINIMUM_BYTES) {
      throw new IllegalArgumentException(
          "a TOTP secret needs at least "
              + MINIMUM_BYTES
              + " bytes (128 bits), this one has "
              + bytes.length);
    }
    this.bytes = bytes;
  }

  /** A new random secret of {@value #GENERATED_BYTES} bytes. */
  public static TotpSecret generate() {
    byte[] bytes = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(bytes);
    return new TotpSecret(bytes);
  }

  /**
   * A secret from its bytes, for example as loaded from storage. The array is copied.
   *
   * @throws IllegalArgumentException if shorter than {@value #MINIMUM_BYTES} bytes
   */
  public static TotpSecret fromBytes(byte[] bytes) {
    return new TotpSecret(bytes.clone());
  }

  /**
   * A secret from Base32 text. Case is ignored, as are whitespace anywhere and trailing {@code =}
   * padding; anything else outside the Base32 alphabet ({@code A-Z}, {@code 2-7}) is refused rather
   * than skipped.
   *
   * @throws IllegalArgumentException if the text is not Base32, has an impossible length, or
   *     decodes to fewer than {@value #MINIMUM_BYTES} bytes; the message names the position, never
   *     the text
   */
  public static TotpSecret fromBase32(CharSequence text) {
    Objects.requireNonNull(text, "text");
    StringBuilder canonical = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        canonical.append(c);
      }
    }
    int end = canonical.length();
    while (end > 0 && canonical.charAt(end - 1) == '=') {
      end--;
    }
    canonical.setLength(end);
    String upper = canonical.toString().toUpperCase(Locale.ROOT);
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
        throw new IllegalArgumentException(
            "not Base32: character "
                + (i + 1)
                + " (ignoring whitespace) is not one of A-Z and 2-7");
      }
    }
    byte[] decoded;
    try {
      decoded = BASE32.decode(upper.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      // commons-codec's message is generic; ours says what is wrong without quoting the text
      throw new IllegalArgumentException(
          "not Base32: no encoder produces "
              + upper.length()
              + " characters ending in that last character");
    }
    return new TotpSecret(decoded);
  }

  /** A copy of the secret's bytes, for {@link Totp} and for storage; clear it when done. */
  public byte[] revealBytes() {
    return bytes.clone();
  }

  /** The secret as RFC 4648 Base32, upper case and unpadded: for otpauth URIs and manual entry. */
  public String revealBase32() {
    String encoded = BASE32.encodeToString(bytes);
    int end = encoded.length();
    while (end > 0 && encoded.charAt(end - 1) == '=') {
      end--;
    }
    return encoded.substring(0, end);
  }

  /** The length only, for example {@code TotpSecret[20 bytes]}. */
  @Override
  public String toString() {
    return "TotpSecret[" + bytes.length + " bytes]";
  }
}
