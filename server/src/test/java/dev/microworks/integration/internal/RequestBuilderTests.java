package dev.microworks.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.integration.IntegrationSpec;
import dev.microworks.integration.IntegrationSpecs;
import dev.microworks.integration.PostMode;
import dev.microworks.integration.RequestSpec;
import dev.microworks.integration.SourceReadException;
import dev.microworks.integration.internal.http.RequestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestBuilderTests {

  private final IntegrationSpec spec = spec();

  @Test
  void pathParametersAreUrlEncodedAndQueryValuesFilledVerbatim() {
    RequestSpec request =
        new RequestSpec(
            "GET",
            "/api/tickets/{key}",
            Map.of("updated_since", "{lastSync}"),
            Map.of(),
            PostMode.NONE,
            Optional.empty());

    RequestTemplate built =
        RequestBuilder.build(
            spec, request, Map.of("key", "HD 1/2", "lastSync", "2026-11-26T10:00:00+02:00")::get);

    assertThat(built.uri().getRawPath()).isEqualTo("/api/tickets/HD%201%2F2");
    assertThat(built.queryParam("updated_since")).contains("2026-11-26T10:00:00+02:00");
  }

  @Test
  void bodyValuesAreEncodedForTheBodysFormat() {
    RequestSpec json =
        new RequestSpec(
            "POST",
            "/search",
            Map.of(),
            Map.of(),
            PostMode.JSON,
            Optional.of("{\"q\":\"{term}\"}"));
    RequestSpec form =
        new RequestSpec(
            "POST",
            "/search",
            Map.of(),
            Map.of(),
            PostMode.URL_ENCODED,
            Optional.of("since={term}"));
    Map<String, String> values = Map.of("term", "a \"quoted\" & +02:00");

    assertThat(
            new String(
                RequestBuilder.build(spec, json, values::get).body().orElseThrow(),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"q\":\"a \\\"quoted\\\" & +02:00\"}");
    assertThat(
            new String(
                RequestBuilder.build(spec, form, values::get).body().orElseThrow(),
                StandardCharsets.UTF_8))
        .isEqualTo("since=a+%22quoted%22+%26+%2B02%3A00");
  }

  @Test
  void aParameterWithoutAValueIsAClearError() {
    RequestSpec request =
        new RequestSpec(
            "GET", "/api/{missing}", Map.of(), Map.of(), PostMode.NONE, Optional.empty());

    assertThatThrownBy(() -> RequestBuilder.build(spec, request, Map.<String, String>of()::get))
        .isInstanceOf(SourceReadException.class)
        .hasMessageContaining("{missing}");
  }

  private static IntegrationSpec spec() {
    try (InputStream in =
        RequestBuilderTests.class.getResourceAsStream("/integrations/demo-sor-offset.yaml")) {
      return IntegrationSpecs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
