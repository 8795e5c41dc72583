package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class FaultSwitchTest extends DemoSorTest {

  private static final String PAGE = "/api/offset/tickets?limit=3";

  @AfterEach
  void disarm() {
    send(request("/admin/faults").header("X-API-Key", API_KEY).DELETE());
  }

  @Test
  void rateLimitAnswers429WithRetryAfterForExactlyNRequests() {
    arm("{\"kind\":\"RATE_LIMIT\",\"count\":3,\"retry_after_seconds\":7}");

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> limited = getWithKey(PAGE);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(json(limited).get("error").asString()).isEqualTo("rate_limited");
    }
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
  }

  @Test
  void aFaultArmedAfterTwoRequestsHitsTheThird() {
    arm("{\"kind\":\"SERVER_ERROR\",\"count\":1,\"after\":2}");

    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(500);
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
  }

  @Test
  void serverErrorAnswers500ForExactlyNRequests() {
    arm("{\"kind\":\"SERVER_ERROR\",\"count\":2}");

    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(500);
    HttpResponse<String> second = getWithKey(PAGE);
    assertThat(second.statusCode()).isEqualTo(500);
    assertThat(json(second).get("error").asString()).isEqualTo("internal_error");
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
  }

  @Test
  void slowDelaysTheNormalAnswerByAtLeastTheDelay() {
    arm("{\"kind\":\"SLOW\",\"count\":1,\"delay_ms\":300}");

    long start = System.nanoTime();
    HttpResponse<String> slow = getWithKey(PAGE);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(json(slow).get("items").size()).isEqualTo(3);
    assertThat(slow.headers().firstValue("X-Demo-Fault")).hasValue("SLOW");
    assertThat(tookMs).isGreaterThanOrEqualTo(300);
    assertThat(getWithKey(PAGE).headers().firstValue("X-Demo-Fault")).isEmpty();
  }

  @Test
  void malformedJsonSends200JsonThatDoesNotParseForExactlyNRequests() {
    arm("{\"kind\":\"MALFORMED_JSON\",\"count\":2}");

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> broken = getWithKey(PAGE);
      assertThat(broken.statusCode()).isEqualTo(200);
      assertThat(broken.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThatThrownBy(() -> json(broken)).isInstanceOf(JacksonException.class);
    }
    assertThat(json(getWithKey(PAGE)).get("items").size()).isEqualTo(3);
  }

  @Test
  void theArmedFaultIsShownAndCanBeCleared() {
    arm("{\"kind\":\"SERVER_ERROR\",\"count\":5}");
    getWithKey(PAGE);

    var armed = json(getWithKey("/admin/faults")).get("armed");
    assertThat(armed.get("kind").asString()).isEqualTo("SERVER_ERROR");
    assertThat(armed.get("remaining").asInt()).isEqualTo(4);

    send(request("/admin/faults").header("X-API-Key", API_KEY).DELETE());
    assertThat(json(getWithKey("/admin/faults")).get("armed").isNull()).isTrue();
    assertThat(getWithKey(PAGE).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownFaultKindIsRefusedNamingTheAllowedOnes() {
    HttpResponse<String> response = postWithKey("/admin/faults", "{\"kind\":\"EXPLODE\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("kind").contains("RATE_LIMIT").contains("MALFORMED_JSON");
  }

  private void arm(String body) {
    HttpResponse<String> response = postWithKey("/admin/faults", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }
}
