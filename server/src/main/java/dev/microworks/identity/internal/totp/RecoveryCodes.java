package dev.microworks.identity.internal.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One-time recovery codes, the way in when the authenticator app is lost.
 *
 * <p>A code is ten characters from {@value #ALPHABET} (digits and lower-case letters without the
 * look-alikes {@code 0 O 1 l I}, in either case), shown as {@code xxxxx-xxxxx}. Ten characters from
 * 31 give 49.5 bits of entropy.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Characters are drawn uniformly with {@link SecureRandom}; the codes of one set are
 *       distinct.
 *   <li>{@link #normalise} ignores case, whitespace and dashes, so {@code "ABCDE 23456"} and {@code
 *       "abcde-23456"} are the same code.
 *   <li>{@link #hash} and {@link #matches} never throw because of the presented text; {@link
 *       #matches} compares hashes in constant time.
 * </ul>
 *
 * <p><b>Why a fast hash:</b> SHA-256 (unsalted) is enough because the codes are random, not chosen
 * by people: there is no dictionary to try, and slow password hashes (bcrypt, Argon2) exist to make
 * dictionaries of human choices expensive. Guessing online is bounded by the login's rate limit and
 * 2<sup>49.5</sup> candidates. Offline, someone holding a copy of the hashes must still search
 * about 2<sup>48</sup> SHA-256 evaluations per code (one search covers every stored hash at once,
 * since there is no salt: hours to days on GPUs) and then gains only a second factor, still needing
 * the password, for a code that is gone once used or regenerated. If that margin is ever too thin,
 * keep the stored values under an HMAC key held in the wallet rather than slowing this hash.
 */
public final class RecoveryCodes {

  /** How many codes {@link #generate()} issues. */
  public static final int DEFAULT_COUNT = 10;

  /** The most codes one call issues. */
  public static final int MAX_COUNT = 100;

  /** The characters of a code: no {@code 0}, {@code o}, {@code 1}, {@code l} or {@code i}. */
  public static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

  /** Characters in a code, separators excluded. */
  public static final int LENGTH = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {}

  /** {@value #DEFAULT_COUNT} new codes, formatted {@code xxxxx-xxxxx}. */
  public static List<String> generate() {
    return generate(DEFAULT_COUNT);
  }

  /**
   * {@code count} new, distinct codes, formatted {@code xxxxx-xxxxx}.
   *
   * @throws IllegalArgumentException if {@code count} is not between 1 and {@value #MAX_COUNT}
   */
  public static List<String> generate(int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "recovery code count must be between 1 and " + MAX_COUNT + ", was " + count);
    }
    Set<String> codes = new LinkedHashSet<>();
    while (codes.size() < count) {
      StringBuilder code = new StringBuilder(LENGTH + 1);
      for (int i = 0; i < LENGTH; i++) {
        if (i == LENGTH / 2) {
          code.append('-');
        }
        code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      codes.add(code.toString());
    }
    return List.copyOf(codes);
  }

  /**
   * The canonical form of a presented code: lower case, without whitespace or dashes. Performs no
   * other check; {@code null} becomes the empty string.
   */
  public static String normalise(CharSequence input) {
    if (input == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c != '-' && !Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The SHA-256 of the {@linkplain #normalise normalised} code's UTF-8 bytes, 32 bytes: what to
   * store instead of the code.
   */
  public static byte[] hash(CharSequence code) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalise(code).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Whether a presented code is the one whose {@link #hash} is stored. False, without an exception,
   * for {@code null} or malformed input (wrong length, characters outside {@value #ALPHABET}) or a
   * {@code null} stored hash.
   */
  public static boolean matches(CharSequence presented, byte[] storedHash) {
    String code = normalise(presented);
    if (storedHash == null || !wellFormed(code)) {
      return false;
    }
    return MessageDigest.isEqual(hash(code), storedHash);
  }

  private static boolean wellFormed(String code) {
    if (code.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
