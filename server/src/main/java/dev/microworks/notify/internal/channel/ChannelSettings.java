package dev.microworks.notify.internal.channel;

import dev.microworks.identity.SignedInUser;
import dev.microworks.identity.UserId;
import dev.microworks.notify.internal.channel.ChannelUpdate.Remove;
import dev.microworks.notify.internal.channel.ChannelUpdate.Replace;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Reads and changes a user's channel preferences. Webhook URLs go to the wallet (kind {@code
 * WEBHOOK}, owned by the user, audited); what is answered says only whether one is set.
 */
@Service
class ChannelSettings {

  /** What {@code GET /api/v1/me/channels} answers: never a webhook URL. */
  record View(Email email, Webhook slack, Webhook teams) {

    /**
     * @param available whether this server sends e-mail at all ({@code spring.mail.host} is set)
     */
    record Email(boolean enabled, String mode, boolean available) {}

    record Webhook(boolean enabled, boolean configured) {}
  }

  private final ChannelPreferenceStore store;
  private final Wallet wallet;
  private final MailChannel mail;
  private final ChannelProperties properties;

  ChannelSettings(
      ChannelPreferenceStore store, Wallet wallet, MailChannel mail, ChannelProperties properties) {
    this.store = store;
    this.wallet = wallet;
    this.mail = mail;
    this.properties = properties;
  }

  View view(SignedInUser user) {
    return view(user.tenant(), user.id(), store.find(user.tenant(), user.id()));
  }

  /**
   * Applies {@code body}: all or nothing.
   *
   * @throws ChannelProblems listing every problem, each with its field
   */
  View update(SignedInUser user, JsonNode body) {
    ChannelUpdate update = ChannelUpdate.read(body, properties.allowInsecureWebhooks());
    List<String> problems = new ArrayList<>(update.problems());
    TenantId tenant = user.tenant();
    ChannelPreferences next = update.applyTo(store.find(tenant, user.id()));
    for (WebhookChannel channel : WebhookChannel.values()) {
      ChannelUpdate.UrlChange change = update.url(channel);
      boolean configured =
          change instanceof Replace
              || (!(change instanceof Remove) && configured(tenant, user.id(), channel));
      if (next.enabled(channel) && !configured) {
        problems.add(
            channel.id()
                + ".webhook_url: needed to enable "
                + channel.displayName()
                + " (the incoming-webhook URL from "
                + channel.displayName()
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ChannelProblems(problems);
    }
    for (WebhookChannel channel : WebhookChannel.values()) {
      ChannelUpdate.UrlChange change = update.url(channel);
      if (change instanceof Replace replace) {
        char[] url = replace.url().chars();
        try (SecretFields fields = SecretFields.of(Map.of("url", url))) {
          wallet.put(tenant, channel.credential(user.id()), fields, null, user.email());
        } finally {
          Arrays.fill(url, '\0');
        }
      } else if (change instanceof Remove) {
        wallet.delete(tenant, channel.credential(user.id()), user.email());
      }
    }
    store.save(tenant, user.id(), next);
    return view(tenant, user.id(), next);
  }

  private View view(TenantId tenant, UserId user, ChannelPreferences preferences) {
    return new View(
        new View.Email(
            preferences.emailEnabled(), preferences.emailMode().json(), mail.available()),
        new View.Webhook(
            preferences.slackEnabled(), configured(tenant, user, WebhookChannel.SLACK)),
        new View.Webhook(
            preferences.teamsEnabled(), configured(tenant, user, WebhookChannel.TEAMS)));
  }

  private boolean configured(TenantId tenant, UserId user, WebhookChannel channel) {
    return wallet.info(tenant, channel.credential(user)).isPresent();
  }
}
