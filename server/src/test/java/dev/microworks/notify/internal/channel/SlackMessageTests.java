package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.notify.FeedCard;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackMessageTests {

  private static final String FEED = "https://microworks.example.com/";

  @Test
  void aCardBecomesHeaderBodyFieldsContextAndAButtonToTheFeed_andValidates() {
    JsonNode message = SlackMessage.render(TestCards.typical(UUID.randomUUID()), FEED);

    assertThat(ChannelSchemas.slackProblems(message)).isEmpty();
    assertThat(message.get("text").asString()).isEqualTo("Expense report EXP-1 waits for you");
    assertThat(message.get("blocks").valueStream().map(b -> b.get("type").asString()))
        .containsExactly("header", "section", "section", "context", "actions");
    assertThat(message.at("/blocks/0/text/text").asString())
        .isEqualTo("Expense report EXP-1 waits for you");
    assertThat(message.at("/blocks/1/text/text").asString()).contains("*travel*");
    assertThat(message.at("/blocks/2/fields/0/text").asString())
        .isEqualTo("*Amount*\n1,234.00 EUR");
    assertThat(message.at("/blocks/3/elements/0/text").asString()).contains("Expense approvals");
    assertThat(message.at("/blocks/4/elements/0/url").asString()).isEqualTo(FEED);
  }

  @Test
  void textBeyondSlacksLimitsIsCutWithAnEllipsis_andStillValidates() {
    List<FeedCard.Field> fields =
        IntStream.range(0, 14)
            .mapToObj(i -> new FeedCard.Field("Field " + i, "v".repeat(2500)))
            .toList();
    FeedCard card = TestCards.card(UUID.randomUUID(), "T".repeat(400), "b".repeat(5000), fields);

    JsonNode message = SlackMessage.render(card, FEED);

    assertThat(ChannelSchemas.slackProblems(message)).isEmpty();
    String header = message.at("/blocks/0/text/text").asString();
    assertThat(header).hasSize(150).endsWith("…");
    assertThat(message.at("/blocks/1/text/text").asString()).hasSize(3000).endsWith("…");
    assertThat(message.at("/blocks/2/fields").size()).isEqualTo(10);
    assertThat(message.at("/blocks/2/fields/0/text").asString()).hasSize(2000).endsWith("…");
  }

  @Test
  void recordTextCannotMentionEveryoneOrSmuggleALink() {
    FeedCard card =
        TestCards.card(
            UUID.randomUUID(),
            "Hi <!channel>",
            "see <https://evil.example|your bank> & more",
            List.of(new FeedCard.Field("<@U123>", "x")));

    JsonNode message = SlackMessage.render(card, FEED);

    // plain_text (the header) shows mentions literally; mrkdwn and the fallback would not
    assertThat(message.get("text").asString()).isEqualTo("Hi &lt;!channel&gt;");
    assertThat(message.get("blocks").toString().replace("\"text\":\"Hi <!channel>\"", ""))
        .doesNotContain("<!channel>", "<https://evil", "<@U123>");
    assertThat(message.at("/blocks/1/text/text").asString())
        .isEqualTo("see &lt;https://evil.example|your bank&gt; &amp; more");
    assertThat(ChannelSchemas.slackProblems(message)).isEmpty();
  }

  @Test
  void aCardWithoutBodyOrFieldsLeavesThoseSectionsOut_andAnEmptyTitleIsADash() {
    JsonNode message =
        SlackMessage.render(TestCards.card(UUID.randomUUID(), " ", "", List.of()), FEED);

    assertThat(ChannelSchemas.slackProblems(message)).isEmpty();
    assertThat(message.get("blocks").valueStream().map(b -> b.get("type").asString()))
        .containsExactly("header", "context", "actions");
  }

  @Test
  void theSchemaRefusesWhatSlackRefuses() {
    JsonNode message = SlackMessage.render(TestCards.typical(UUID.randomUUID()), FEED);
    ((tools.jackson.databind.node.ObjectNode) message.at("/blocks/0/text"))
        .put("text", "x".repeat(151));

    assertThat(ChannelSchemas.slackProblems(message)).isNotEmpty();
  }

  @Test
  void truncationNeverSplitsAnEscapeOrASurrogatePair() {
    assertThat(ChannelText.truncate("ab&amp;cd", 5)).isEqualTo("ab…");
    assertThat(ChannelText.truncate("a😀b", 3)).isEqualTo("a…");
    assertThat(ChannelText.truncate("short", 5)).isEqualTo("short");
  }
}
