package dev.microworks.notify.internal.channel;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The payload schemas in {@code src/test/resources/channels} (see its README for their origin). */
final class ChannelSchemas {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Schema SLACK =
      load("channels/slack-message.json", SpecificationVersion.DRAFT_7);
  private static final Schema TEAMS =
      load("channels/teams-message.json", SpecificationVersion.DRAFT_7);
  private static final Schema ADAPTIVE_CARD =
      load("channels/adaptive-card.json", SpecificationVersion.DRAFT_6);

  private ChannelSchemas() {}

  /** What is wrong with a Slack message; empty when it validates. */
  static List<String> slackProblems(JsonNode message) {
    return messages(SLACK.validate(message));
  }

  /** What is wrong with a Teams message: its envelope and its Adaptive Card. */
  static List<String> teamsProblems(JsonNode message) {
    List<String> problems = new ArrayList<>(messages(TEAMS.validate(message)));
    JsonNode card = message.at("/attachments/0/content");
    problems.addAll(messages(ADAPTIVE_CARD.validate(card)));
    // the official schema lists body and actions in tuple form ("items": [ {anyOf…} ]), which
    // checks only the first element: check each element as the first of a card of its own
    if (card.isObject()) {
      for (String list : List.of("body", "actions")) {
        JsonNode elements = card.path(list);
        for (int i = 1; i < elements.size(); i++) {
          String where = list + "[" + i + "]: ";
          ObjectNode alone = ((ObjectNode) card).deepCopy();
          alone.putArray(list).add(elements.get(i).deepCopy());
          messages(ADAPTIVE_CARD.validate(alone)).stream()
              .map(problem -> where + problem)
              .forEach(problems::add);
        }
      }
    }
    return problems;
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }

  private static Schema load(String resource, SpecificationVersion version) {
    try (InputStream in = ChannelSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      JsonNode schema = JSON.readTree(in);
      // the official Adaptive Card schema declares draft-06 but names itself with draft-04's "id",
      // which this validator's draft-06 dialect does not accept: drop that one keyword
      if (schema.has("id") && schema.has("$schema")) {
        ((ObjectNode) schema).remove("id");
      }
      return SchemaRegistry.withDefaultDialect(version).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
