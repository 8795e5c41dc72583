package dev.microworks.identity.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as accounts know them: trimmed and lower-cased. */
final class Emails {

  static final int MAX_LENGTH = 254;

  /** Deliberately loose: one @, something on each side, no spaces; the mail server decides. */
  private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private Emails() {}

  /** The address as stored, or the empty string for null. */
  static String normalise(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  static boolean plausible(String normalised) {
    return normalised.length() >= 3
        && normalised.length() <= MAX_LENGTH
        && PLAUSIBLE.matcher(normalised).matches();
  }

  /** The part before the @ (the whole address when there is none). */
  static String localPart(String normalised) {
    int at = normalised.indexOf('@');
    return at < 0 ? normalised : normalised.substring(0, at);
  }

  /** At most {@link #MAX_LENGTH} characters of what someone typed, for an audit entry's target. */
  static String forAudit(String typed) {
    String normalised = normalise(typed);
    return normalised.length() <= MAX_LENGTH ? normalised : normalised.substring(0, MAX_LENGTH);
  }
}
