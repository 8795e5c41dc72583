package dev.microworks.integration.internal;

import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.PostMode;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.SourceReadException;
import dev.microworks.integration.internal.http.RequestTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a spec's request (URI template relative to the base URL, query, headers, body) into an
 * engine request, filling {@code {name}} parameters: URL-encoded in the path, verbatim in query
 * values (which the engine encodes), headers and bodies.
 */
final class RequestBuilder {

  private static final Pattern PARAMETER = Pattern.compile("\\{([^{}]+)}");

  private RequestBuilder() {}

  static RequestTemplate build(
      IntegrationSpec spec, RequestSpec request, Function<String, String> parameters) {
    String path = fill(request.uri(), name -> encode(parameters.apply(name)));
    URI uri = resolve(spec.connection().baseUrl(), path);
    RequestTemplate template = RequestTemplate.of(request.method(), uri);
    for (Map.Entry<String, String> query : request.query().entrySet()) {
      template = template.withQueryParam(query.getKey(), fill(query.getValue(), parameters));
    }
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      template = template.withHeader(header.getKey(), fill(header.getValue(), parameters));
    }
    if (request.body().isPresent()) {
      // values are encoded for the body's format: a value with '&' or '"' must not reshape it
      Function<String, String> encoded =
          switch (request.postMode()) {
            case JSON -> name -> jsonEscape(parameters.apply(name));
            case URL_ENCODED, NONE -> name -> encodeForm(parameters.apply(name));
            case FORM_DATA -> parameters;
          };
      String body = fill(request.body().get(), encoded);
      String contentType =
          switch (request.postMode()) {
            case JSON -> "application/json";
            case URL_ENCODED, NONE -> "application/x-www-form-urlencoded";
            case FORM_DATA ->
                throw new SourceReadException(
                    "post mode form-data with a body is not supported yet (integration "
                        + spec.id()
                        + "); use url-encoded or json");
          };
      template = template.withBody(body.getBytes(StandardCharsets.UTF_8), contentType);
    } else if (request.postMode() == PostMode.JSON && !"GET".equalsIgnoreCase(request.method())) {
      template = template.withBody(new byte[0], "application/json");
    }
    return template;
  }

  static String fill(String template, Function<String, String> parameters) {
    Matcher matcher = PARAMETER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = parameters.apply(matcher.group(1));
      if (value == null) {
        throw new SourceReadException(
            "no value for parameter {" + matcher.group(1) + "} in '" + template + "'");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static URI resolve(URI base, String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    String root = base.toString();
    if (root.endsWith("/") && path.startsWith("/")) {
      return URI.create(root + path.substring(1));
    }
    return URI.create(root.endsWith("/") || path.startsWith("/") ? root + path : root + "/" + path);
  }

  private static String encodeForm(String value) {
    return value == null ? null : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The value as the inside of a JSON string (the template supplies the quotes). */
  private static String jsonEscape(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String encode(String value) {
    return value == null
        ? null
        : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
