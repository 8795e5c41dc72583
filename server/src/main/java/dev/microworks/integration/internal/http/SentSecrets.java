package dev.microworks.integration.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The credential values sent with one request (header values, API keys, tokens), kept only so they
 * can be scrubbed from anything the engine reports. {@link #toString()} prints their count only.
 */
public final class SentSecrets {

  private static final SentSecrets NONE = new SentSecrets(Set.of(), Set.of());

  private final Set<String> values;
  private final Set<String> queryParamNames;

  private SentSecrets(Set<String> values, Set<String> queryParamNames) {
    this.values = values;
    this.queryParamNames = queryParamNames;
  }

  public static SentSecrets none() {
    return NONE;
  }

  /** Also scrubs {@code value}'s URL-encoded and Base64 forms. */
  public SentSecrets with(String value) {
    if (value == null || value.isEmpty()) {
      return this;
    }
    Set<String> copy = new LinkedHashSet<>(values);
    copy.add(value);
    copy.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    copy.add(RequestTemplate.encode(value));
    copy.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    return new SentSecrets(Set.copyOf(copy), queryParamNames);
  }

  /** Redacts this query parameter's value in every URL reported. */
  public SentSecrets withQueryParam(String name) {
    Set<String> copy = new LinkedHashSet<>(queryParamNames);
    copy.add(name);
    return new SentSecrets(values, Set.copyOf(copy));
  }

  public SentSecrets and(SentSecrets other) {
    Set<String> v = new LinkedHashSet<>(values);
    v.addAll(other.values);
    Set<String> q = new LinkedHashSet<>(queryParamNames);
    q.addAll(other.queryParamNames);
    return new SentSecrets(Set.copyOf(v), Set.copyOf(q));
  }

  Set<String> queryParamNames() {
    return queryParamNames;
  }

  /** {@code text} with every secret (longest first) replaced by {@value Redaction#MASK}. */
  public String scrub(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret :
        values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, Redaction.MASK);
    }
    return result;
  }

  @Override
  public String toString() {
    return "SentSecrets[" + values.size() + " values]";
  }
}
