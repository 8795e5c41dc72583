package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;

@ExtendWith(OutputCaptureExtension.class)
class MailChannelTests {

  private static ChannelProperties properties(String mailFrom) {
    return new ChannelProperties(null, mailFrom, false, null, null, null, null);
  }

  @Test
  void withoutSpringMailHostEmailIsOff_andOneInfoLineSaysHowToTurnItOn(CapturedOutput output) {
    MailChannel mail =
        new MailChannel(
            new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
            properties(null),
            new FeedLink("http://localhost:8080"));

    assertThat(mail.available()).isFalse();
    assertThat(output.getOut().lines().filter(line -> line.contains("E-mail channel off")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("INFO", "Set spring.mail.host"));
    assertThatThrownBy(
            () -> mail.sendCard("a@example.org", MailCard.of(TestCards.typical(UUID.randomUUID()))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWrongFromAddressOrPublicUrlStopsTheStartWithThePropertyNamed() {
    assertThatThrownBy(
            () ->
                new MailChannel(
                    new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                    properties("not an address@@"),
                    new FeedLink("http://localhost:8080")))
        .hasMessageContaining("microworks.notify.mail-from");
    assertThatThrownBy(() -> new FeedLink("localhost:8080"))
        .hasMessageContaining("microworks.public-url");
    assertThatThrownBy(
            () ->
                new ChannelProperties(Duration.ofSeconds(10), null, false, null, null, null, null))
        .hasMessageContaining("microworks.notify.digest-interval");
  }
}
