package dev.microworks.notify.internal.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Card e-mails over SMTP ({@code spring.mail.*}). Without {@code spring.mail.host} there is no mail
 * sender and e-mail is off: one INFO line at start-up says how to turn it on.
 */
@Component
class MailChannel {

  private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

  private final JavaMailSender sender;
  private final InternetAddress from;
  private final FeedLink feed;

  MailChannel(ObjectProvider<JavaMailSender> sender, ChannelProperties properties, FeedLink feed) {
    this.sender = sender.getIfAvailable();
    this.feed = feed;
    try {
      this.from = new InternetAddress(properties.mailFrom(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "microworks.notify.mail-from is not an e-mail address: " + e.getMessage(), e);
    }
    if (this.sender == null) {
      log.info(
          "E-mail channel off: spring.mail.host is not set. Set spring.mail.host (and"
              + " spring.mail.port, spring.mail.username, spring.mail.password as your SMTP server"
              + " needs) to send cards by e-mail; see docs/channels.md");
    }
  }

  /** Whether this server sends e-mail. */
  boolean available() {
    return sender != null;
  }

  /** One mail for one card. */
  void sendCard(String to, MailCard card) {
    send(to, MailContent.card(card, feed.url()));
  }

  /** One mail for all of {@code cards}. */
  void sendDigest(String to, List<MailCard> cards) {
    send(to, MailContent.digest(cards, feed.url()));
  }

  private void send(String to, MailContent.Rendered content) {
    if (sender == null) {
      throw new IllegalStateException("e-mail is off (spring.mail.host is not set)");
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(content.subject());
      helper.setText(content.text(), content.html());
      sender.send(message);
    } catch (MessagingException e) {
      throw new MailSendFailed(
          "the mail could not be built (" + e.getClass().getSimpleName() + ")");
    } catch (MailException e) {
      throw new MailSendFailed("SMTP refused or failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A mail not sent; the message names no address and no content. */
  static class MailSendFailed extends RuntimeException {
    MailSendFailed(String message) {
      super(message);
    }
  }
}
