package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.notify.FeedCard;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailContentTests {

  private static final String FEED = "https://microworks.example.com/";

  @Test
  void recordTextIsEscapedInTheHtmlPart_andTheSubjectIsOneLine() {
    MailCard card =
        MailCard.of(
            TestCards.card(
                UUID.randomUUID(),
                "Invoice <b>7</b>\r\nBcc: someone@example.com",
                "<script>alert(1)</script>",
                List.of(new FeedCard.Field("<i>Amount</i>", "5 & more"))));

    MailContent.Rendered mail = MailContent.card(card, FEED);

    assertThat(mail.subject()).isEqualTo("Invoice <b>7</b> Bcc: someone@example.com");
    assertThat(mail.html())
        .doesNotContain("<script>", "<b>7", "<i>Amount")
        .contains("&lt;script&gt;", "5 &amp; more", "href=\"" + FEED + "\"");
    assertThat(mail.text()).contains("<script>alert(1)</script>", "Open your feed: " + FEED);
  }

  @Test
  void aDigestListsEveryCardUnderOneSubject() {
    MailContent.Rendered mail =
        MailContent.digest(
            List.of(
                MailCard.of(TestCards.card(UUID.randomUUID(), "One", "", List.of())),
                MailCard.of(TestCards.card(UUID.randomUUID(), "Two", "", List.of()))),
            FEED);

    assertThat(mail.subject()).isEqualTo("2 new cards in Microworks");
    assertThat(mail.html()).contains("<h2>One</h2>", "<h2>Two</h2>");
    assertThat(mail.text()).contains("One", "Two");
  }
}
