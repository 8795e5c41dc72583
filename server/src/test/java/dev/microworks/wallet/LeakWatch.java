package dev.microworks.wallet;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Canaries for a leak test: unique random strings ({@code CANARY-<uuid>}) planted wherever a secret
 * could go in, and the search for them in whatever comes out. Any text that looks like a canary
 * counts, in any letter case, also Base64-encoded; so do the other secrets given to {@link #watch}.
 * Every finding is collected rather than the first one thrown, so one run shows them all.
 */
final class LeakWatch {

  private static final String MARK = "canary";

  /** {@code CANARY} in Base64, as it shows when a canary starts a Base64-encoded text. */
  private static final String MARK_BASE64 = base64("CANARY").substring(0, 8);

  private int canaries;
  private final Map<String, String> others = new LinkedHashMap<>();
  private final List<String> findings = new ArrayList<>();

  /** A new canary, to be planted. */
  String canary() {
    canaries++;
    return "CANARY-" + UUID.randomUUID();
  }

  /** Also looks for {@code secret}, which is not a canary; {@code what} names it in findings. */
  void watch(String secret, String what) {
    others.put(secret, what);
  }

  int canariesPlanted() {
    return canaries;
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What of a watched secret {@code text} holds, if any. */
  Optional<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> other : others.entrySet()) {
      if (text.contains(other.getKey())) {
        return Optional.of(other.getValue());
      }
    }
    int at = text.toLowerCase(Locale.ROOT).indexOf(MARK);
    if (at < 0) {
      at = text.indexOf(MARK_BASE64);
    }
    if (at < 0) {
      return Optional.empty();
    }
    return Optional.of(
        "a canary: …" + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)));
  }

  /**
   * Checks an answer's headers and body; {@code request} describes it in a finding. A redirect may
   * carry the request's own query string on to where it points: that is no echo.
   */
  HttpResponse<String> check(String request, HttpResponse<String> response) {
    String answer = request + " → " + response.statusCode();
    String query = response.request().uri().getRawQuery();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                String checked =
                    name.equalsIgnoreCase("location") && query != null
                        ? value.replace("?" + query, "")
                        : value;
                find(checked)
                    .ifPresent(found -> findings.add(answer + ", header " + name + ": " + found));
              }
            });
    find(response.body()).ifPresent(found -> findings.add(answer + ", body: " + found));
    return response;
  }

  /** Checks one line of a log. */
  void checkLine(String log, int number, String line) {
    find(line).ifPresent(found -> findings.add(log + " line " + number + ": " + found));
  }

  /** The findings since the last call, which are forgotten. */
  List<String> takeFindings() {
    List<String> taken = List.copyOf(findings);
    findings.clear();
    return taken;
  }
}
