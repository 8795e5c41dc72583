package dev.microworks.integration.yaml;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads a spec from a request body: YAML text, UTF-8, at most {@value #LIMIT_BYTES} bytes. Errors
 * are ready-made responses (415, 413, 400) whose texts never repeat a header value.
 */
public final class YamlBody {

  /** The largest spec accepted; the biggest Citrix bundle converts to well under 100 KB. */
  public static final int LIMIT_BYTES = 1024 * 1024;

  static final List<MediaType> ACCEPTED =
      List.of(
          MediaType.parseMediaType("application/yaml"),
          MediaType.parseMediaType("application/x-yaml"),
          MediaType.parseMediaType("text/yaml"),
          MediaType.TEXT_PLAIN);

  private YamlBody() {}

  public static String read(HttpServletRequest request) {
    requireYaml(request.getContentType());
    if (request.getContentLengthLong() > LIMIT_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream body = request.getInputStream()) {
      bytes = body.readNBytes(LIMIT_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
    if (bytes.length > LIMIT_BYTES) {
      throw tooLarge();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "The spec is not valid UTF-8 text; save it as UTF-8.");
    }
  }

  private static void requireYaml(String contentType) {
    boolean accepted;
    try {
      MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
      accepted =
          type != null
              && ACCEPTED.stream().anyMatch(yaml -> yaml.equalsTypeAndSubtype(type))
              && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      accepted = false;
    }
    if (!accepted) {
      throw new ResponseStatusException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Send the spec as the request body with Content-Type application/yaml or text/plain"
              + " (UTF-8).");
    }
  }

  private static ResponseStatusException tooLarge() {
    return new ResponseStatusException(
        HttpStatus.CONTENT_TOO_LARGE,
        "The spec is larger than " + LIMIT_BYTES + " bytes, the most this server accepts.");
  }
}
