package dev.microworks.notify.internal.channel;

import dev.microworks.notify.internal.channel.ChannelPreferences.EmailMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A {@code PUT /api/v1/me/channels} body, read field by field so every problem is reported at once
 * with its field ({@code slack.webhook_url}) and never with the value sent. Sections and fields
 * left out keep what is stored.
 *
 * <pre>{@code
 * {"email": {"enabled": true, "mode": "digest"},
 *  "slack": {"enabled": true, "webhook_url": "https://hooks.slack.com/services/..."},
 *  "teams": {"enabled": false, "webhook_url": null}}
 * }</pre>
 *
 * {@code "webhook_url": null} removes the stored URL.
 */
final class ChannelUpdate {

  private static final Set<String> EMAIL_FIELDS = Set.of("enabled", "mode");
  private static final Set<String> WEBHOOK_FIELDS = Set.of("enabled", "webhook_url");

  /** What to do with a stored webhook URL. */
  sealed interface UrlChange permits Keep, Replace, Remove {}

  record Keep() implements UrlChange {}

  record Replace(WebhookUrl url) implements UrlChange {}

  record Remove() implements UrlChange {}

  private Optional<Boolean> emailEnabled = Optional.empty();
  private Optional<EmailMode> emailMode = Optional.empty();
  private final Map<WebhookChannel, Optional<Boolean>> enabled =
      new EnumMap<>(WebhookChannel.class);
  private final Map<WebhookChannel, UrlChange> urls = new EnumMap<>(WebhookChannel.class);
  private final List<String> problems = new ArrayList<>();

  private ChannelUpdate() {
    for (WebhookChannel channel : WebhookChannel.values()) {
      enabled.put(channel, Optional.empty());
      urls.put(channel, new Keep());
    }
  }

  /** Reads {@code body}; {@link #problems()} says what is wrong with it. */
  static ChannelUpdate read(JsonNode body, boolean allowInsecureWebhooks) {
    ChannelUpdate update = new ChannelUpdate();
    if (body == null || !body.isObject()) {
      update.problems.add("(body): must be a JSON object with email, slack and/or teams");
      return update;
    }
    for (Map.Entry<String, JsonNode> section : body.properties()) {
      String name = section.getKey();
      if (name.equals("email")) {
        update.readEmail(section.getValue());
        continue;
      }
      Optional<WebhookChannel> channel = channel(name);
      if (channel.isPresent()) {
        update.readWebhook(channel.get(), section.getValue(), allowInsecureWebhooks);
      } else {
        update.problems.add(field(name) + ": unknown channel (email, slack and teams are)");
      }
    }
    return update;
  }

  private void readEmail(JsonNode email) {
    if (!object(email, "email", EMAIL_FIELDS)) {
      return;
    }
    emailEnabled = bool(email.get("enabled"), "email.enabled");
    JsonNode mode = email.get("mode");
    if (mode != null) {
      String text = mode.isString() ? mode.stringValue().toUpperCase(Locale.ROOT) : "";
      if (text.equals("IMMEDIATE") || text.equals("DIGEST")) {
        emailMode = Optional.of(EmailMode.valueOf(text));
      } else {
        problems.add("email.mode: must be \"immediate\" or \"digest\"");
      }
    }
  }

  private void readWebhook(WebhookChannel channel, JsonNode section, boolean allowInsecure) {
    if (!object(section, channel.id(), WEBHOOK_FIELDS)) {
      return;
    }
    enabled.put(channel, bool(section.get("enabled"), channel.id() + ".enabled"));
    JsonNode url = section.get("webhook_url");
    if (url == null) {
      return;
    }
    if (url.isNull()) {
      urls.put(channel, new Remove());
    } else if (!url.isString()) {
      problems.add(channel.id() + ".webhook_url: must be a string (or null to remove it)");
    } else {
      WebhookUrl.Parsed parsed = WebhookUrl.parse(url.stringValue(), allowInsecure);
      parsed
          .problem()
          .ifPresent(problem -> problems.add(channel.id() + ".webhook_url: " + problem));
      parsed.url().ifPresent(valid -> urls.put(channel, new Replace(valid)));
    }
  }

  private boolean object(JsonNode section, String name, Set<String> known) {
    if (section == null || !section.isObject()) {
      problems.add(name + ": must be an object");
      return false;
    }
    for (String field : section.propertyNames()) {
      if (!known.contains(field)) {
        problems.add(
            name
                + "."
                + field(field)
                + ": unknown field ("
                + String.join(", ", sorted(known))
                + ")");
      }
    }
    return true;
  }

  private Optional<Boolean> bool(JsonNode value, String name) {
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      problems.add(name + ": must be true or false");
      return Optional.empty();
    }
    return Optional.of(value.booleanValue());
  }

  private static Optional<WebhookChannel> channel(String name) {
    for (WebhookChannel channel : WebhookChannel.values()) {
      if (channel.id().equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  /** A field name as sent, shortened: names are echoed, values never. */
  private static String field(String name) {
    String printable = name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  /** The preferences after this update, given what is stored now. */
  ChannelPreferences applyTo(ChannelPreferences current) {
    ChannelPreferences result =
        new ChannelPreferences(
            emailEnabled.orElse(current.emailEnabled()),
            emailMode.orElse(current.emailMode()),
            current.slackEnabled(),
            current.teamsEnabled());
    for (WebhookChannel channel : WebhookChannel.values()) {
      result = result.with(channel, enabled.get(channel).orElse(current.enabled(channel)));
    }
    return result;
  }

  UrlChange url(WebhookChannel channel) {
    return urls.get(channel);
  }

  @Override
  public String toString() {
    return "ChannelUpdate[…]";
  }
}
