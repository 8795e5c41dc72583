package dev.microworks.demosor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApprovalTest extends DemoSorTest {

  @Test
  void onlyTheApproverMayDecideAndAliceDecisionIsRecordedAsHers() {
    String alice = new UserLogin(this).login("alice", "demo").accessToken();
    String notAlices = pendingKey("pto-requests", "alice@demo.microworks.dev", false);
    String alices = pendingKey("pto-requests", "alice@demo.microworks.dev", true);

    HttpResponse<String> forbidden =
        post("/api/pto-requests/" + notAlices + "/approve", alice, "{}");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(json(forbidden).get("message").asString()).contains("approver");
    assertThat(json(getWithKey("/api/pto-requests/" + notAlices)).get("status").asString())
        .isEqualTo("pending");

    HttpResponse<String> approved =
        post("/api/pto-requests/" + alices + "/reject", alice, "{\"comment\":\"team offsite\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode body = json(approved);
    assertThat(body.get("status").asString()).isEqualTo("rejected");
    JsonNode last = body.get("history").get(body.get("history").size() - 1);
    assertThat(last.get("actor").asString()).isEqualTo("alice");
    assertThat(last.get("detail").asString()).contains("team offsite");
  }

  @Test
  void decidingTwiceIs409() {
    String key = pendingKey("expenses", "bob@demo.microworks.dev", true);

    HttpResponse<String> first = postWithKey("/api/expenses/" + key + "/approve", "");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first).get("status").asString()).isEqualTo("approved");

    HttpResponse<String> second = postWithKey("/api/expenses/" + key + "/approve", "");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(json(second).get("message").asString()).contains("already approved");
  }

  private String pendingKey(String collection, String approver, boolean isApprover) {
    JsonNode items = json(getWithKey("/api/offset/" + collection + "?limit=1000")).get("items");
    for (JsonNode item : items.values()) {
      if (item.get("status").asString().equals("pending")
          && item.get("approver_email").asString().equals(approver) == isApprover) {
        return item.get("key").asString();
      }
    }
    throw new AssertionError("no pending " + collection + " record to test with");
  }
}
