package dev.microworks.notify.internal.channel;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.identity.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code microworks.notify.digest-interval} (on one node): one e-mail per user with the cards
 * waiting in the digest queue that are still active. A mail that fails leaves its cards queued for
 * the next run; a user who turned e-mail off or was disabled has the queue emptied.
 */
@Configuration(proxyBeanMethods = false)
class DigestJob {

  private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

  private final DigestQueue queue;
  private final Users users;
  private final ChannelPreferenceStore preferences;
  private final MailChannel mail;
  private final ChannelProperties properties;

  DigestJob(
      DigestQueue queue,
      Users users,
      ChannelPreferenceStore preferences,
      MailChannel mail,
      ChannelProperties properties) {
    this.queue = queue;
    this.users = users;
    this.preferences = preferences;
    this.mail = mail;
    this.properties = properties;
  }

  @Bean
  RecurringTask<Void> channelDigestTask() {
    return Tasks.recurring("channel-digest", new EveryInterval(properties.digestInterval()))
        .execute((instance, context) -> sendAll());
  }

  /**
   * One interval after the previous run ended; the very first run one interval after the task is
   * first registered (not at start-up: cards queued in the first minutes wait like any others).
   */
  record EveryInterval(Duration interval) implements Schedule {
    @Override
    public Instant getNextExecutionTime(ExecutionComplete complete) {
      return complete.getTimeDone().plus(interval);
    }

    @Override
    public Instant getInitialExecutionTime(Instant now) {
      return now.plus(interval);
    }

    @Override
    public boolean isDeterministic() {
      return false;
    }
  }

  /** One pass: returns how many digest mails went out. */
  int sendAll() {
    if (!mail.available()) {
      return 0;
    }
    int sent = 0;
    for (DigestQueue.Recipient recipient : queue.recipients()) {
      try {
        sent += send(recipient) ? 1 : 0;
      } catch (MailChannel.MailSendFailed e) {
        log.warn(
            "Digest e-mail to user {} failed, its cards wait for the next run: {}",
            recipient.user(),
            e.getMessage());
      } catch (RuntimeException e) {
        log.warn(
            "Digest e-mail to user {} failed, its cards wait for the next run: {}",
            recipient.user(),
            e.getClass().getSimpleName());
      }
    }
    return sent;
  }

  private boolean send(DigestQueue.Recipient recipient) {
    Optional<UserView> user = users.find(recipient.tenant(), new UserId(recipient.user()));
    if (user.isEmpty()
        || user.get().status() != UserStatus.ACTIVE
        || !preferences.find(recipient.tenant(), user.get().id()).emailEnabled()) {
      queue.clear(recipient);
      return false;
    }
    List<MailCard> cards = queue.pending(recipient);
    if (cards.isEmpty()) {
      return false;
    }
    mail.sendDigest(user.get().email(), cards);
    queue.sent(recipient, cards);
    log.debug("Digest of {} cards sent to user {}", cards.size(), recipient.user());
    return true;
  }
}
