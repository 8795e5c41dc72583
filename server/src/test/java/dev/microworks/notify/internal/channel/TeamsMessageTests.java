package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.notify.FeedCard;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TeamsMessageTests {

  private static final String FEED = "https://microworks.example.com/";

  @Test
  void aCardBecomesOneAdaptiveCard14_thatValidatesAgainstTheOfficialSchema() {
    JsonNode message = TeamsMessage.render(TestCards.typical(UUID.randomUUID()), FEED);

    assertThat(ChannelSchemas.teamsProblems(message)).isEmpty();
    JsonNode card = message.at("/attachments/0/content");
    assertThat(message.at("/attachments/0/contentType").asString())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.get("version").asString()).isEqualTo("1.4");
    assertThat(card.get("body").valueStream().map(e -> e.get("type").asString()))
        .containsExactly("TextBlock", "TextBlock", "TextBlock", "FactSet");
    assertThat(card.at("/body/1/text").asString()).isEqualTo("Expense report EXP-1 waits for you");
    assertThat(card.at("/body/3/facts/1/title").asString()).isEqualTo("Owner");
    assertThat(card.at("/body/3/facts/1/value").asString()).isEqualTo("Dana");
    assertThat(card.at("/actions/0/type").asString()).isEqualTo("Action.OpenUrl");
    assertThat(card.at("/actions/0/url").asString()).isEqualTo(FEED);
  }

  @Test
  void aLargeCardIsCutWellUnderTeams28KbLimit() {
    List<FeedCard.Field> fields =
        IntStream.range(0, 50)
            .mapToObj(i -> new FeedCard.Field("Field " + i, "v".repeat(5000)))
            .toList();
    JsonNode message =
        TeamsMessage.render(
            TestCards.card(UUID.randomUUID(), "t".repeat(1000), "b".repeat(50_000), fields), FEED);

    assertThat(ChannelSchemas.teamsProblems(message)).isEmpty();
    assertThat(message.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThan(28 * 1024);
  }

  @Test
  void theSchemasRefuseAWrongEnvelopeOrCard() {
    ObjectNode message =
        (ObjectNode) TeamsMessage.render(TestCards.typical(UUID.randomUUID()), FEED);
    ((ObjectNode) message.at("/attachments/0/content")).put("type", "MessageCard");

    assertThat(ChannelSchemas.teamsProblems(message)).isNotEmpty();
  }

  @Test
  void theOfficialSchemaChecksTheCardsElements() {
    ObjectNode message =
        (ObjectNode) TeamsMessage.render(TestCards.typical(UUID.randomUUID()), FEED);
    ((ObjectNode) message.at("/attachments/0/content/body/1")).put("size", "enormous");

    assertThat(ChannelSchemas.teamsProblems(message)).isNotEmpty();
  }
}
