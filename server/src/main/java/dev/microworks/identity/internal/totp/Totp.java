package dev.microworks.identity.internal.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords: RFC 6238 TOTP over RFC 4226 HOTP, with T0 = 0 (the Unix epoch).
 * Immutable and thread-safe; it holds the parameters only, never a secret.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #code} reproduces the RFC 6238 Appendix B and RFC 4226 Appendix D test vectors.
 *   <li>{@link #verify} never throws because of the presented code: a {@code null}, empty, too
 *       short or too long code, or one with anything but ASCII digits, is simply not matched.
 *   <li>{@link #verify} compares codes in constant time ({@link MessageDigest#isEqual}) and
 *       computes every step of the window whether or not an earlier one matched.
 *   <li>{@link #verify} returns the step that matched. It cannot know which steps were used before:
 *       <b>the caller must store the last accepted step per user and refuse a match whose step is
 *       less than or equal to it</b>, otherwise a code can be replayed within its window.
 * </ul>
 *
 * @param algorithm the HMAC hash function
 * @param digits the code length, 6 or 8
 * @param period the time step, a whole number of seconds, at least one
 */
public record Totp(Algorithm algorithm, int digits, Duration period) {

  /**
   * The widest {@link #verify} window accepted: ten steps either side (five minutes with the
   * default period). Wider windows weaken the second factor and cost an HMAC per step.
   */
  public static final int MAX_WINDOW = 10;

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /** The HMAC behind the codes; {@link #name()} is the value of {@code algorithm=} in URIs. */
  public enum Algorithm {
    /** HMAC-SHA-1, the default of RFC 6238 and the only one every authenticator app supports. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512");

    private final String macName;

    Algorithm(String macName) {
      this.macName = macName;
    }
  }

  /**
   * Validates the parameters.
   *
   * @throws NullPointerException if {@code algorithm} or {@code period} is null
   * @throws IllegalArgumentException if {@code digits} is not 6 or 8, or {@code period} is not a
   *     positive whole number of seconds; the message names the value
   */
  public Totp {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(period, "period");
    if (digits != 6 && digits != 8) {
      throw new IllegalArgumentException("TOTP digits must be 6 or 8, was " + digits);
    }
    if (period.getNano() != 0 || period.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "TOTP period must be a whole number of seconds, at least 1, was " + period);
    }
  }

  /** HMAC-SHA-1, 6 digits, 30-second steps: what every authenticator app expects by default. */
  public static Totp sha1Six() {
    return new Totp(Algorithm.SHA1, 6, Duration.ofSeconds(30));
  }

  /**
   * The step (RFC 6238's T) that contains {@code now}: whole periods since the Unix epoch, rounded
   * down.
   */
  public long step(Instant now) {
    return Math.floorDiv(now.getEpochSecond(), period.getSeconds());
  }

  /**
   * The code for a step: exactly {@link #digits()} ASCII digits, with leading zeros.
   *
   * @param secret the shared secret, not empty; not modified or kept
   * @param step a step from {@link #step(Instant)}, not negative
   * @throws IllegalArgumentException if {@code secret} is empty or {@code step} is negative
   */
  public String code(byte[] secret, long step) {
    requireSecret(secret);
    if (step < 0) {
      throw new IllegalArgumentException("TOTP step must not be negative, was " + step);
    }
    byte[] hash = hmac(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    // RFC 4226 section 5.3, dynamic truncation
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        (hash[offset] & 0x7f) << 24
            | (hash[offset + 1] & 0xff) << 16
            | (hash[offset + 2] & 0xff) << 8
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * Checks a presented code against the steps {@code step(now) - window} to {@code step(now) +
   * window} (negative steps excluded).
   *
   * <p>The code may carry surrounding whitespace and one space in its middle ({@code "123 456"},
   * {@code "1234 5678"}), as authenticator apps display it; anything else that is not exactly
   * {@link #digits()} ASCII digits is refused.
   *
   * <p><b>Replay:</b> the returned step is what the caller must remember. Store the last accepted
   * step per secret and refuse any match whose step is {@code <=} it; only then is each code usable
   * once.
   *
   * @param secret the shared secret, not empty; not modified or kept
   * @param code the code the user typed; may be null or malformed
   * @param now the current time
   * @param window how many steps either side of the current one to accept, 0 to {@link
   *     #MAX_WINDOW}; 1 tolerates 30 seconds of clock skew with the default period
   * @return the matching step (the lowest, should two match), or empty when none matches or the
   *     code is malformed
   * @throws NullPointerException if {@code secret} or {@code now} is null
   * @throws IllegalArgumentException if {@code secret} is empty or {@code window} is out of range:
   *     errors of the calling code, never of the user's input
   */
  public OptionalLong verify(byte[] secret, CharSequence code, Instant now, int window) {
    requireSecret(secret);
    Objects.requireNonNull(now, "now");
    if (window < 0 || window > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "TOTP window must be between 0 and " + MAX_WINDOW + ", was " + window);
    }
    byte[] presented = canonical(code);
    if (presented == null) {
      return OptionalLong.empty();
    }
    long current = step(now);
    long matched = -1;
    for (long candidate = Math.max(0, current - window);
        candidate <= current + window;
        candidate++) {
      byte[] expected = code(secret, candidate).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, presented) && matched < 0) {
        matched = candidate;
      }
    }
    return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
  }

  @Override
  public String toString() {
    return "Totp[" + algorithm + ", " + digits + " digits, " + period.getSeconds() + " s]";
  }

  /** The code as ASCII bytes without whitespace, or null if it is not a well-formed code. */
  private byte[] canonical(CharSequence code) {
    if (code == null) {
      return null;
    }
    String text = code.toString().strip();
    int half = digits / 2;
    if (text.length() == digits + 1 && text.charAt(half) == ' ') {
      text = text.substring(0, half) + text.substring(half + 1);
    }
    if (text.length() != digits) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // not Character.isDigit: that accepts Arabic-Indic, full-width and other digits
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] hmac(byte[] secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance(algorithm.macName);
      mac.init(new SecretKeySpec(secret, algorithm.macName));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "every Java runtime has " + algorithm.macName + " and accepts any non-empty key", e);
    }
  }

  private static void requireSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("TOTP secret must not be empty");
    }
  }
}
