package dev.microworks.notify.internal.channel;

import java.util.Locale;

/**
 * What one user chose: e-mail (on by default, immediate or digest), Slack and Teams (off by
 * default; on only with a webhook URL in the wallet). Holds no URL: whether one is set comes from
 * the wallet's metadata.
 *
 * @param emailEnabled whether cards go out by e-mail
 * @param emailMode one mail per card, or a digest
 * @param slackEnabled whether cards go to the user's Slack webhook
 * @param teamsEnabled whether cards go to the user's Teams webhook
 */
record ChannelPreferences(
    boolean emailEnabled, EmailMode emailMode, boolean slackEnabled, boolean teamsEnabled) {

  static final ChannelPreferences DEFAULTS =
      new ChannelPreferences(true, EmailMode.IMMEDIATE, false, false);

  /** One mail per card, or the cards collected into one mail per digest interval. */
  enum EmailMode {
    IMMEDIATE,
    DIGEST;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  boolean enabled(WebhookChannel channel) {
    return channel == WebhookChannel.SLACK ? slackEnabled : teamsEnabled;
  }

  ChannelPreferences with(WebhookChannel channel, boolean enabled) {
    return channel == WebhookChannel.SLACK
        ? new ChannelPreferences(emailEnabled, emailMode, enabled, teamsEnabled)
        : new ChannelPreferences(emailEnabled, emailMode, slackEnabled, enabled);
  }
}
