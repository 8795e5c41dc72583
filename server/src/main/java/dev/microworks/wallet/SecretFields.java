package dev.microworks.wallet;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The named secret values of one credential ({@code username} and {@code password}, {@code
 * clientId} and {@code clientSecret}, {@code accessToken}, {@code seed}...).
 *
 * <p>Values are held as {@code char[]} copies and handed out only as copies; {@link #toString()}
 * prints the field names, never a value; {@link #close()} overwrites the values, after which reads
 * fail. Identity equality only.
 */
public final class SecretFields implements AutoCloseable {

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /** At most this many fields, each at most {@link #MAX_VALUE_LENGTH} characters. */
  public static final int MAX_FIELDS = 16;

  public static final int MAX_VALUE_LENGTH = 16_384;

  private final Map<String, char[]> values;
  private volatile boolean closed;

  private SecretFields(Map<String, char[]> values) {
    this.values = values;
  }

  /**
   * Copies {@code values} in.
   *
   * @throws IllegalArgumentException naming the field (never the value) if a name or value is not
   *     acceptable
   */
  public static SecretFields of(Map<String, char[]> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a credential needs at least one field");
    }
    if (values.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "a credential has at most %d fields, not %d".formatted(MAX_FIELDS, values.size()));
    }
    Map<String, char[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, char[]> field : values.entrySet()) {
      String name = Objects.requireNonNull(field.getKey(), "field name");
      if (!FIELD_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "field name '%s' is not a name: use letters, digits and _ (at most 64), starting with a letter"
                .formatted(name.length() > 64 ? name.substring(0, 64) + "…" : name));
      }
      char[] value = Objects.requireNonNull(field.getValue(), name);
      if (value.length == 0 || value.length > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException(
            "field '%s' must have 1 to %d characters (it has %d)"
                .formatted(name, MAX_VALUE_LENGTH, value.length));
      }
      copy.put(name, value.clone());
    }
    return new SecretFields(copy);
  }

  /** The field names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(values.keySet()));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A copy of the named value, if present. */
  public Optional<char[]> get(String name) {
    if (closed) {
      throw new IllegalStateException("these secret fields were closed");
    }
    char[] value = values.get(name);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  /** Every field, copied; the caller should wipe the arrays. */
  public Map<String, char[]> copy() {
    Map<String, char[]> copy = new LinkedHashMap<>();
    values.forEach((name, value) -> copy.put(name, get(name).orElseThrow()));
    return copy;
  }

  @Override
  public void close() {
    closed = true;
    values.values().forEach(value -> Arrays.fill(value, '\0'));
  }

  @Override
  public String toString() {
    return "SecretFields" + names();
  }
}
