package dev.microworks.integration.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * The body of a credential PUT, {@code {"fields": {"name": "value", ...}, "expires_at":
 * "2027-01-01T00:00:00Z"}}, read with a streaming parser straight into {@code char[]} values. Its
 * errors say where (line and column) and what was expected, and never quote the body: a malformed
 * body may well be a secret with a typo.
 */
final class CredentialBody {

  static final int LIMIT_BYTES = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  /** snake_case spellings accepted for the camelCase field names. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "client_id", "clientId",
          "client_secret", "clientSecret",
          "refresh_token", "refreshToken");

  private final Map<String, char[]> fields;
  private final Instant expiresAt;

  private CredentialBody(Map<String, char[]> fields, Instant expiresAt) {
    this.fields = fields;
    this.expiresAt = expiresAt;
  }

  Map<String, char[]> fields() {
    return fields;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  void wipe() {
    fields.values().forEach(value -> Arrays.fill(value, '\0'));
  }

  @Override
  public String toString() {
    return "CredentialBody" + fields.keySet();
  }

  static CredentialBody read(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ResponseStatusException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the credential as application/json.");
    }
    if (request.getContentLengthLong() > LIMIT_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream body = request.getInputStream()) {
      bytes = body.readNBytes(LIMIT_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
    try {
      if (bytes.length > LIMIT_BYTES) {
        throw tooLarge();
      }
      return parse(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static CredentialBody parse(byte[] bytes) {
    Map<String, char[]> fields = new LinkedHashMap<>();
    Instant expiresAt = null;
    boolean sawFields = false;
    try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), bytes)) {
      expect(json, json.nextToken() == JsonToken.START_OBJECT, "a JSON object");
      while (json.nextToken() == JsonToken.PROPERTY_NAME) {
        String property = json.currentName();
        JsonToken value = json.nextToken();
        if ("fields".equals(property)) {
          sawFields = true;
          expect(json, value == JsonToken.START_OBJECT, "\"fields\" to be an object of strings");
          while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = json.currentName();
            String field = ALIASES.getOrDefault(name, name);
            expect(
                json,
                json.nextToken() == JsonToken.VALUE_STRING,
                "the value of field \"" + shortened(name) + "\" to be a string");
            if (fields.containsKey(field)) {
              throw problem(json, "field \"" + shortened(name) + "\" is given twice");
            }
            char[] text = json.getTextCharacters();
            int offset = json.getTextOffset();
            fields.put(field, Arrays.copyOfRange(text, offset, offset + json.getTextLength()));
          }
        } else if ("expires_at".equals(property)) {
          if (value != JsonToken.VALUE_NULL) {
            expect(json, value == JsonToken.VALUE_STRING, "\"expires_at\" to be a string or null");
            try {
              expiresAt = Instant.parse(json.getString());
            } catch (DateTimeParseException e) {
              throw problem(
                  json, "\"expires_at\" must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
            }
          }
        } else {
          // the name is not quoted back: a stray top-level name may be a pasted secret
          throw problem(
              json, "unknown property; the body has \"fields\" and optionally \"expires_at\"");
        }
      }
      expect(json, json.currentToken() == JsonToken.END_OBJECT, "the end of the object");
      if (json.nextToken() != null) {
        throw problem(json, "there is more after the JSON object");
      }
    } catch (JacksonException e) {
      wipe(fields);
      TokenStreamLocation at = e.getLocation();
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "The body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + "; send {\"fields\": {\"name\": \"value\"}}.");
    } catch (ResponseStatusException e) {
      wipe(fields);
      throw e;
    }
    if (!sawFields) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "The body has no \"fields\"; send {\"fields\": {\"name\": \"value\"}}.");
    }
    return new CredentialBody(fields, expiresAt);
  }

  private static void expect(JsonParser json, boolean ok, String expected) {
    if (!ok) {
      throw problem(json, "expected " + expected);
    }
  }

  private static ResponseStatusException problem(JsonParser json, String message) {
    TokenStreamLocation at = json.currentTokenLocation();
    return new ResponseStatusException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "Line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message + ".");
  }

  private static String shortened(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }

  private static void wipe(Map<String, char[]> fields) {
    fields.values().forEach(value -> Arrays.fill(value, '\0'));
  }

  private static ResponseStatusException tooLarge() {
    return new ResponseStatusException(
        HttpStatus.CONTENT_TOO_LARGE,
        "The credential body is larger than " + LIMIT_BYTES + " bytes, the most accepted.");
  }
}
