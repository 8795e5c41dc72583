package dev.microworks.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a local password must be: 12 to 128 characters, not the e-mail address nor the part before
 * its @, not one of the common passwords in {@code common-passwords.txt} (compared
 * case-insensitively). Every problem is reported at once, in words a person can act on; the
 * password itself is never quoted.
 */
final class PasswordPolicy {

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 128;

  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** The problems with {@code password} for the account {@code email}; empty when it is fine. */
  static List<String> problems(String password, String email) {
    List<String> problems = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      problems.add("The password is empty; choose one of " + MIN_LENGTH + " characters or more.");
      return problems;
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      problems.add(
          "The password has "
              + length
              + " characters; it needs at least "
              + MIN_LENGTH
              + " (a few unrelated words make a long password easy to remember).");
    }
    if (length > MAX_LENGTH) {
      problems.add(
          "The password has " + length + " characters; at most " + MAX_LENGTH + " are accepted.");
    }
    String lower = password.strip().toLowerCase(Locale.ROOT);
    String normalisedEmail = Emails.normalise(email);
    if (!normalisedEmail.isEmpty()
        && (lower.equals(normalisedEmail) || lower.equals(Emails.localPart(normalisedEmail)))) {
      problems.add("The password must not be your e-mail address or the part before its @.");
    }
    if (COMMON.contains(lower)) {
      problems.add("The password is one of the most common passwords; choose another.");
    }
    return problems;
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
