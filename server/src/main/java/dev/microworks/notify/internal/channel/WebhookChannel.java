package dev.microworks.notify.internal.channel;

import dev.microworks.identity.UserId;
import dev.microworks.wallet.CredentialName;

/**
 * The channels reached through a user's incoming webhook. The id names the channel in the API
 * ({@code slack}, {@code teams}), in logs and as the wallet slot of the user's URL.
 */
enum WebhookChannel {
  SLACK("slack", "Slack"),
  TEAMS("teams", "Teams");

  private final String id;
  private final String displayName;

  WebhookChannel(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  String id() {
    return id;
  }

  String displayName() {
    return displayName;
  }

  /** Where the user's URL for this channel is kept in the wallet. */
  CredentialName credential(UserId user) {
    return CredentialName.webhook(user.toString(), id);
  }
}
