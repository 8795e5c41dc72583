package dev.microworks.integration;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret fields of one credential slot of one integration (a service account's user name and
 * password, an API key, an OAuth 2.0 client, a refresh token...).
 *
 * <p>Security guarantees: values are held as {@code char[]} copies and handed out only as copies,
 * through explicit accessors; {@link #toString()} prints the integration, the slot and the field
 * names, never a value; there is deliberately no {@code equals}/{@code hashCode} beyond identity,
 * so a credential cannot be compared (or leak through timing) by accident. {@link #close()}
 * overwrites the held values; a closed credential refuses further reads.
 */
public final class Credential implements AutoCloseable {

  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String KEY = "key";
  public static final String TOKEN = "token";
  public static final String CLIENT_ID = "clientId";
  public static final String CLIENT_SECRET = "clientSecret";
  public static final String REFRESH_TOKEN = "refreshToken";

  private final String integrationId;
  private final String slot;
  private final Map<String, char[]> fields;
  private volatile boolean closed;

  private Credential(String integrationId, String slot, Map<String, char[]> fields) {
    this.integrationId = integrationId;
    this.slot = slot;
    this.fields = fields;
  }

  /** Starts a credential for {@code slot} of {@code integrationId}. */
  public static Builder builder(String integrationId, String slot) {
    return new Builder(integrationId, slot);
  }

  public String integrationId() {
    return integrationId;
  }

  public String slot() {
    return slot;
  }

  /** The names of the fields present (never their values). */
  public Set<String> fieldNames() {
    return Collections.unmodifiableSet(new TreeSet<>(fields.keySet()));
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  /**
   * A copy of the named field.
   *
   * @throws MissingCredentialException naming integration, slot and field if it is absent
   */
  public char[] field(String field) {
    return optionalField(field)
        .orElseThrow(
            () ->
                new MissingCredentialException(
                    integrationId,
                    slot,
                    "credential slot '%s' of integration '%s' has no '%s' field (it has: %s)"
                        .formatted(slot, integrationId, field, String.join(", ", fieldNames()))));
  }

  /** A copy of the named field, if present. */
  public Optional<char[]> optionalField(String field) {
    if (closed) {
      throw new IllegalStateException(
          "credential slot '%s' of integration '%s' was closed".formatted(slot, integrationId));
    }
    char[] value = fields.get(field);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  public char[] username() {
    return field(USERNAME);
  }

  public char[] password() {
    return field(PASSWORD);
  }

  public char[] key() {
    return field(KEY);
  }

  public char[] token() {
    return field(TOKEN);
  }

  public char[] clientId() {
    return field(CLIENT_ID);
  }

  public char[] clientSecret() {
    return field(CLIENT_SECRET);
  }

  public char[] refreshToken() {
    return field(REFRESH_TOKEN);
  }

  /** Overwrites the held values. */
  @Override
  public void close() {
    closed = true;
    fields.values().forEach(value -> Arrays.fill(value, '\0'));
  }

  @Override
  public String toString() {
    return "Credential[integration=%s, slot=%s, fields=%s]"
        .formatted(integrationId, slot, fieldNames());
  }

  /** Collects fields; each value is copied in. */
  public static final class Builder {
    private final String integrationId;
    private final String slot;
    private final Map<String, char[]> fields = new LinkedHashMap<>();

    private Builder(String integrationId, String slot) {
      this.integrationId = Objects.requireNonNull(integrationId, "integrationId");
      this.slot = Objects.requireNonNull(slot, "slot");
    }

    public Builder field(String name, char[] value) {
      fields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name).clone());
      return this;
    }

    public Credential build() {
      return new Credential(integrationId, slot, new LinkedHashMap<>(fields));
    }
  }
}
