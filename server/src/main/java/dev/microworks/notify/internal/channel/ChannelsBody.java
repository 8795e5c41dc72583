package dev.microworks.notify.internal.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A {@code PUT /api/v1/me/channels} body as sent, read by {@link ChannelUpdate}. Not a bare {@link
 * JsonNode}: Spring logs request bodies at DEBUG by their {@code toString()}, and this one may hold
 * a webhook URL.
 */
final class ChannelsBody {

  private final JsonNode json;

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  ChannelsBody(JsonNode json) {
    this.json = json;
  }

  JsonNode json() {
    return json;
  }

  @Override
  public String toString() {
    return "ChannelsBody[…]";
  }
}
