package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTemplateTests {

  final RequestTemplate base =
      RequestTemplate.get(URI.create("https://sor.example/api/items?a=1&b=x%20y"));

  @Test
  void queryParametersAreEncodedAndReplacedInPlace() {
    RequestTemplate changed =
        base.withQueryParam("a", "2 & 3=4")
            .withQueryParam("filter", "état/ü+")
            .withQueryParam("a", "5");

    assertThat(changed.uri().toString())
        .isEqualTo("https://sor.example/api/items?a=5&b=x%20y&filter=%C3%A9tat%2F%C3%BC%2B");
    assertThat(changed.queryParam("filter")).hasValue("état/ü+");
    assertThat(base.queryParam("a")).hasValue("1");
  }

  @Test
  void isAValueWhoseToStringShowsNoSecrets() {
    RequestTemplate one =
        base.withHeader("X-Api-Key", "k-secret")
            .withBody("{}".getBytes(StandardCharsets.UTF_8), "application/json");
    RequestTemplate two =
        base.withHeader("X-Api-Key", "k-secret")
            .withBody("{}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one.withHeader("x-api-key", "other").headers()).hasSize(1);
    assertThat(base.withQueryParam("access_token", "T0PSECRET").toString())
        .isEqualTo("GET https://sor.example/api/items?a=1&b=x%20y&access_token=***")
        .doesNotContain("T0PSECRET");
    assertThat(one.toString()).doesNotContain("k-secret").contains("[X-Api-Key]");
  }

  @Test
  void headersTheClientSetsItselfAreRefused() {
    assertThatThrownBy(() -> base.withHeader("Host", "evil.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Host' is set by the HTTP client");
  }

  @Test
  void linkHeadersAreParsedPerRfc8288() {
    URI request = URI.create("https://api.example/v1/items?page=2");
    List<String> headers =
        List.of(
            "<https://api.example/v1/items?page=1>; rel=\"prev first\"; title=\"a, b; c\"",
            "</v1/items?page=3>; title*=UTF-8''n%C3%A4chste; rel=\"last next\", <https://x/>; rel=last");

    assertThat(LinkHeader.find(headers, "next", request))
        .hasValue(URI.create("https://api.example/v1/items?page=3"));
    assertThat(LinkHeader.find(headers, "first", request))
        .hasValue(URI.create("https://api.example/v1/items?page=1"));
    assertThat(LinkHeader.find(List.of("<a>; rel=\"prev\""), "next", request)).isEmpty();
    assertThat(LinkHeader.parse("<a>; title=\"x\\\"y\"; rel=next").get(0).params())
        .containsEntry("title", "x\"y");
  }
}
