package dev.microworks.identity.internal.totp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code otpauth://} URIs in Google's Key Uri Format, the text of the QR code an authenticator app
 * scans:
 *
 * <pre>
 * otpauth://totp/{issuer}:{account}?secret={base32}&amp;issuer={issuer}&amp;algorithm=SHA1&amp;digits=6&amp;period=30
 * </pre>
 *
 * <p>Guarantees: issuer and account are percent-encoded as UTF-8 ({@code %20} for a space, never
 * {@code +}); only {@code A-Z a-z 0-9 - . _ ~} and {@code @} stay literal, so a {@code :} inside a
 * name is {@code %3A} and cannot be mistaken for the separator. All parameters are written out,
 * even the defaults. The secret is Base32 without padding.
 *
 * <p>The URI contains the secret: show it (or its QR code) only to the enrolling user, and never
 * log it.
 */
public final class OtpAuthUri {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private OtpAuthUri() {}

  /**
   * The URI for a TOTP enrolment.
   *
   * @param issuer who issued the account, shown by the app, for example {@code Microworks}
   * @param account the user's name within the issuer, for example an e-mail address
   * @param secret the shared secret
   * @param totp the parameters the app must use
   * @throws IllegalArgumentException if {@code issuer} or {@code account} is blank
   */
  public static String build(String issuer, String account, TotpSecret secret, Totp totp) {
    requireNotBlank(issuer, "issuer");
    requireNotBlank(account, "account");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(totp, "totp");
    String encodedIssuer = encode(issuer);
    return "otpauth://totp/"
        + encodedIssuer
        + ':'
        + encode(account)
        + "?secret="
        + secret.revealBase32()
        + "&issuer="
        + encodedIssuer
        + "&algorithm="
        + totp.algorithm().name()
        + "&digits="
        + totp.digits()
        + "&period="
        + totp.period().getSeconds();
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() * 3);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0x0f]).append(HEX[b & 0x0f]);
      }
    }
    return out.toString();
  }

  private static void requireNotBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("otpauth URI: " + name + " must not be blank");
    }
  }
}
