package dev.microworks.notify.internal.channel;

import dev.microworks.identity.UserId;
import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.identity.Users;
import dev.microworks.notify.CardsPublished;
import dev.microworks.notify.FeedCard;
import dev.microworks.notify.internal.channel.ChannelPreferences.EmailMode;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.Access;
import dev.microworks.wallet.SecretFields;
import dev.microworks.wallet.Wallet;
import dev.microworks.wallet.WalletException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers new cards to the channels their users chose, and takes expired cards out of pending
 * digests. {@link CardsPublished} arrives after the cards committed, on the committing thread: this
 * only hands work to its own pool (one task per user, so a slow webhook holds up one user, not the
 * rest) and never throws back. Failures are logged with card and user ids, never with content or a
 * webhook URL.
 *
 * <p>Slack and Teams incoming webhooks cannot change a message once posted, so an expired card
 * stays in those channels; the feed, live streams and pending digests do drop it.
 */
@Component
class ChannelDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The tenant the API serves; {@link CardsPublished} carries no tenant yet. */
  private static final TenantId TENANT = TenantId.DEFAULT;

  private final Users users;
  private final ChannelPreferenceStore preferences;
  private final MailChannel mail;
  private final DigestQueue digests;
  private final Wallet wallet;
  private final FeedLink feed;
  private final WebhookPoster poster;
  private final ThreadPoolExecutor executor;

  ChannelDispatcher(
      Users users,
      ChannelPreferenceStore preferences,
      MailChannel mail,
      DigestQueue digests,
      Wallet wallet,
      FeedLink feed,
      ChannelProperties properties) {
    this.users = users;
    this.preferences = preferences;
    this.mail = mail;
    this.digests = digests;
    this.wallet = wallet;
    this.feed = feed;
    this.poster =
        new WebhookPoster(
            properties.webhookConnectTimeout(),
            properties.webhookTimeout(),
            properties.allowInsecureWebhooks(),
            duration -> Thread.sleep(duration.toMillis()));
    this.executor =
        new ThreadPoolExecutor(
            properties.deliveryThreads(),
            properties.deliveryThreads(),
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(properties.deliveryQueue()),
            threads(),
            (task, pool) -> {
              throw new RejectedExecutionException("queue full");
            });
    executor.allowCoreThreadTimeOut(true);
  }

  @EventListener
  void published(CardsPublished event) {
    try {
      Map<UUID, List<FeedCard>> byUser = new LinkedHashMap<>();
      for (FeedCard card : event.created()) {
        byUser.computeIfAbsent(card.user(), user -> new ArrayList<>()).add(card);
      }
      if (!mail.available()) {
        // without SMTP only webhook users get anything: ask once, not once per user
        byUser.keySet().retainAll(preferences.withWebhooks(TENANT, byUser.keySet()));
      }
      byUser.forEach((user, cards) -> submit(user, () -> deliver(user, cards)));
      if (!event.expired().isEmpty()) {
        submit(null, () -> digests.remove(TENANT, event.expired()));
      }
    } catch (RuntimeException e) {
      log.warn("Channel deliveries not scheduled: {}", e.getClass().getSimpleName());
    }
  }

  private void submit(UUID user, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.warn(
          "Channel delivery dropped for user {}: {} deliveries are waiting already"
              + " (microworks.notify.delivery-queue)",
          user == null ? "(expiry)" : user,
          executor.getQueue().size());
    }
  }

  /** Every channel the user chose, each on its own: one failing does not stop the others. */
  void deliver(UUID userId, List<FeedCard> cards) {
    UserId user = new UserId(userId);
    Optional<UserView> view = users.find(TENANT, user);
    if (view.isEmpty() || view.get().status() != UserStatus.ACTIVE) {
      return;
    }
    ChannelPreferences chosen;
    try {
      chosen = preferences.find(TENANT, user);
    } catch (RuntimeException e) {
      log.warn("Channel deliveries to user {} failed: {}", userId, e.getClass().getSimpleName());
      return;
    }
    if (chosen.emailEnabled() && mail.available()) {
      email(view.get(), chosen.emailMode(), cards);
    }
    for (WebhookChannel channel : WebhookChannel.values()) {
      if (chosen.enabled(channel)) {
        webhook(channel, user, cards);
      }
    }
  }

  private void email(UserView user, EmailMode mode, List<FeedCard> cards) {
    List<MailCard> mails = cards.stream().map(MailCard::of).toList();
    if (mode == EmailMode.DIGEST) {
      try {
        digests.add(TENANT, user.id().value(), mails);
      } catch (RuntimeException e) {
        log.warn(
            "Cards for the e-mail digest of user {} not queued: {}",
            user.id(),
            e.getClass().getSimpleName());
      }
      return;
    }
    for (MailCard card : mails) {
      try {
        mail.sendCard(user.email(), card);
        log.debug("Card {} sent to user {} by e-mail", card.card(), user.id());
      } catch (MailChannel.MailSendFailed e) {
        log.warn("E-mail of card {} to user {} failed: {}", card.card(), user.id(), e.getMessage());
      } catch (RuntimeException e) {
        log.warn(
            "E-mail of card {} to user {} failed: {}",
            card.card(),
            user.id(),
            e.getClass().getSimpleName());
      }
    }
  }

  private void webhook(WebhookChannel channel, UserId user, List<FeedCard> cards) {
    URI url;
    try (SecretFields secret =
        wallet.open(TENANT, channel.credential(user), Access.notify(user.toString()))) {
      char[] chars = secret.get("url").orElseThrow(() -> new IllegalStateException("no url"));
      try {
        url = URI.create(new String(chars));
      } finally {
        Arrays.fill(chars, '\0');
      }
    } catch (WalletException e) {
      log.warn(
          "{} deliveries to user {} skipped: {}",
          channel.displayName(),
          user,
          e.getClass().getSimpleName());
      return;
    } catch (RuntimeException e) {
      log.warn(
          "{} deliveries to user {} skipped: the stored webhook URL is unusable ({})",
          channel.displayName(),
          user,
          e.getClass().getSimpleName());
      return;
    }
    for (FeedCard card : cards) {
      try {
        ObjectNode message =
            channel == WebhookChannel.SLACK
                ? SlackMessage.render(card, feed.url())
                : TeamsMessage.render(card, feed.url());
        WebhookPoster.Outcome outcome =
            poster.post(url, JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
        if (outcome.delivered()) {
          log.debug("Card {} sent to user {} by {}", card.id(), user, channel.id());
        } else {
          log.warn(
              "{} delivery of card {} to user {} failed: {}",
              channel.displayName(),
              card.id(),
              user,
              outcome.detail());
        }
      } catch (RuntimeException e) {
        log.warn(
            "{} delivery of card {} to user {} failed: {}",
            channel.displayName(),
            card.id(),
            user,
            e.getClass().getSimpleName());
      }
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn(
          "Channel deliveries still running at shutdown: {} waiting", executor.getQueue().size());
      executor.shutdownNow();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "channel-delivery-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
