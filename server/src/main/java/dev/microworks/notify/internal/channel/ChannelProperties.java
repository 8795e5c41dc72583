package dev.microworks.notify.internal.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code microworks.notify.*}: how cards leave the server by e-mail, Slack and Teams (SMTP itself
 * is {@code spring.mail.*}). Checked at start-up: a wrong value stops the server with the property
 * named.
 *
 * @param digestInterval how often digest e-mails go out (default {@code PT1H}, at least {@code
 *     PT1M})
 * @param mailFrom the From address of card e-mails (default {@code microworks@localhost})
 * @param allowInsecureWebhooks accept {@code http://} webhook URLs to {@code localhost} or {@code
 *     127.0.0.1}, and deliver to private addresses (tests and local demos only; default false)
 * @param webhookConnectTimeout how long to wait for a webhook's TCP/TLS connection (default 5 s)
 * @param webhookTimeout how long to wait for a webhook's answer (default 10 s)
 * @param deliveryThreads how many deliveries run at once (default 4)
 * @param deliveryQueue how many users' deliveries may wait; beyond that, new ones are dropped with
 *     a warning (default 10000)
 */
@ConfigurationProperties("microworks.notify")
record ChannelProperties(
    Duration digestInterval,
    String mailFrom,
    boolean allowInsecureWebhooks,
    Duration webhookConnectTimeout,
    Duration webhookTimeout,
    Integer deliveryThreads,
    Integer deliveryQueue) {

  ChannelProperties {
    digestInterval = digestInterval == null ? Duration.ofHours(1) : digestInterval;
    mailFrom = mailFrom == null ? "microworks@localhost" : mailFrom;
    webhookConnectTimeout =
        webhookConnectTimeout == null ? Duration.ofSeconds(5) : webhookConnectTimeout;
    webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(10) : webhookTimeout;
    deliveryThreads = deliveryThreads == null ? 4 : deliveryThreads;
    deliveryQueue = deliveryQueue == null ? 10_000 : deliveryQueue;
    require(
        digestInterval.compareTo(Duration.ofMinutes(1)) >= 0,
        "microworks.notify.digest-interval must be at least PT1M, not " + digestInterval);
    require(
        isPositive(webhookConnectTimeout),
        "microworks.notify.webhook-connect-timeout must be positive, not " + webhookConnectTimeout);
    require(
        isPositive(webhookTimeout),
        "microworks.notify.webhook-timeout must be positive, not " + webhookTimeout);
    require(
        deliveryThreads >= 1 && deliveryThreads <= 64,
        "microworks.notify.delivery-threads must be 1 to 64, not " + deliveryThreads);
    require(
        deliveryQueue >= 1,
        "microworks.notify.delivery-queue must be at least 1, not " + deliveryQueue);
    require(
        !mailFrom.isBlank() && mailFrom.indexOf('\r') < 0 && mailFrom.indexOf('\n') < 0,
        "microworks.notify.mail-from must be one e-mail address");
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
