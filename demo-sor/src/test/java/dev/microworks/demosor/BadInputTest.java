package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class BadInputTest extends DemoSorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/offset/tickets?limit=0|limit",
        "/api/offset/tickets?limit=1001|limit",
        "/api/offset/tickets?offset=-1|offset",
        "/api/offset/tickets?limit=ten|limit",
        "/api/paged/tickets?page=0|page",
        "/api/paged/tickets?per_page=-5|per_page",
        "/api/link/tickets?page=x|page",
        "/api/cursor/tickets?limit=0|limit",
        "/api/cursor/tickets?updated_since=yesterday|updated_since",
        "/api/offset/tickets?updated_since=2025-13-01T00:00:00Z|updated_since",
        "/api/cursor/tickets?cursor=bm90LWEtY3Vyc29y.AAAA|cursor",
      })
  void badQueryParametersAre400NamingTheParameter(String path, String parameter) {
    HttpResponse<String> response = getWithKey(path);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response);
    assertThat(error.get("error").asString()).isEqualTo("bad_request");
    assertThat(error.get("message").asString()).contains(parameter);
  }

  @Test
  void aTamperedCursorIsRefused() {
    String cursor = json(getWithKey("/api/cursor/tickets?limit=2")).get("next_cursor").asString();
    // a middle character: the last one of unpadded base64 may carry only ignored padding bits
    int middle = cursor.length() / 2;
    char original = cursor.charAt(middle);
    String tampered =
        cursor.substring(0, middle) + (original == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);

    HttpResponse<String> response = getWithKey("/api/cursor/tickets?limit=2&cursor=" + tampered);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asString()).contains("cursor");
    assertThat(getWithKey("/api/cursor/tickets?limit=2&cursor=" + cursor).statusCode())
        .isEqualTo(200);
  }

  @Test
  void unknownKeysAndCollectionsAre404Json() {
    HttpResponse<String> key = getWithKey("/api/tickets/HD-99999999");
    assertThat(key.statusCode()).isEqualTo(404);
    assertThat(json(key).get("message").asString()).contains("HD-99999999");

    HttpResponse<String> collection = getWithKey("/api/offset/invoices");
    assertThat(collection.statusCode()).isEqualTo(404);
    assertThat(json(collection).get("message").asString()).contains("tickets");
  }

  @Test
  void creatingATicketAnswers201WithLocationAndTheTicket() {
    HttpResponse<String> response =
        postWithKey(
            "/api/tickets",
            """
            {"title":"Projector broken","description":"Room 4","priority":"high",
             "assignee_email":"bob@demo.microworks.dev","due_date":"2030-01-31"}
            """);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode ticket = json(response);
    String key = ticket.get("key").asString();
    assertThat(response.headers().firstValue("Location")).hasValue(base() + "/api/tickets/" + key);
    assertThat(ticket.get("status").asString()).isEqualTo("open");
    assertThat(ticket.get("due_date").asString()).isEqualTo("2030-01-31");
    assertThat(ticket.get("history").get(0).get("actor").asString()).isEqualTo("service:api-key");
    assertThat(json(getWithKey("/api/tickets/" + key)).get("title").asString())
        .isEqualTo("Projector broken");
  }

  @Test
  void anInvalidTicketIs400ListingEveryInvalidField() {
    HttpResponse<String> response =
        postWithKey(
            "/api/tickets",
            "{\"title\":\" \",\"priority\":\"urgent\",\"assignee_email\":\"bob\","
                + "\"due_date\":\"2030-02-30\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response);
    assertThat(error.get("error").asString()).isEqualTo("validation_failed");
    assertThat(
            StreamSupport.stream(error.get("fields").spliterator(), false)
                .map(f -> f.get("field").asString()))
        .containsExactlyInAnyOrder("title", "priority", "assignee_email", "due_date");
    assertThat(error.get("message").asString()).contains("low, medium, high, critical");
  }

  @Test
  void anInvalidStatusIs400ListingTheAllowedStatuses() {
    HttpResponse<String> response =
        postWithKey("/api/tickets/HD-2/status", "{\"status\":\"done\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asString())
        .contains("open, in_progress, resolved, closed");
  }

  @Test
  void aBodyThatIsNotJsonIs400() {
    HttpResponse<String> response = postWithKey("/api/tickets/HD-2/assign", "{not json");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asString()).contains("JSON");
  }
}
