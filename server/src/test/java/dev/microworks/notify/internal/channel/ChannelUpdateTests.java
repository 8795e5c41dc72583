package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.notify.internal.channel.ChannelPreferences.EmailMode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChannelUpdateTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ChannelUpdate read(String json, boolean allowInsecure) {
    return ChannelUpdate.read(JSON.readTree(json), allowInsecure);
  }

  @Test
  void everyProblemIsReportedAtOnce_eachWithItsField_neverWithTheUrl() {
    ChannelUpdate update =
        read(
            "{\"email\": {\"enabled\": \"yes\", \"mode\": \"weekly\"},"
                + " \"slack\": {\"webhook_url\": \"http://hooks.example.com/T0/B0/secret-part\"},"
                + " \"teams\": {\"webhook-url\": \"https://x.example\"}, \"sms\": {}}",
            false);

    assertThat(update.problems())
        .containsExactlyInAnyOrder(
            "email.enabled: must be true or false",
            "email.mode: must be \"immediate\" or \"digest\"",
            "slack.webhook_url: must be an https:// URL",
            "teams.webhook-url: unknown field (enabled, webhook_url)",
            "sms: unknown channel (email, slack and teams are)");
    assertThat(String.join(" ", update.problems())).doesNotContain("secret-part", "hooks.example");
  }

  @Test
  void plainHttpIsAcceptedOnlyToLoopback_andOnlyWhenAllowed() {
    String local = "{\"slack\": {\"webhook_url\": \"http://127.0.0.1:9/hook\"}}";
    String remote = "{\"slack\": {\"webhook_url\": \"http://example.com/hook\"}}";

    assertThat(read(local, false).problems())
        .containsExactly("slack.webhook_url: must be an https:// URL");
    assertThat(read(local, true).problems()).isEmpty();
    assertThat(read(remote, true).problems())
        .containsExactly("slack.webhook_url: may be http:// only to localhost or 127.0.0.1");
    assertThat(
            read("{\"slack\": {\"webhook_url\": \"https://user:pw@hooks.slack.com/x\"}}", false)
                .problems())
        .containsExactly(
            "slack.webhook_url: must be an absolute https:// URL with a host and no user name");
  }

  @Test
  void leftOutFieldsKeepWhatIsStored_andNullRemovesAUrl() {
    ChannelUpdate update =
        read("{\"email\": {\"mode\": \"digest\"}, \"teams\": {\"webhook_url\": null}}", false);
    ChannelPreferences stored = new ChannelPreferences(false, EmailMode.IMMEDIATE, true, false);

    assertThat(update.problems()).isEmpty();
    assertThat(update.applyTo(stored))
        .isEqualTo(new ChannelPreferences(false, EmailMode.DIGEST, true, false));
    assertThat(update.url(WebhookChannel.TEAMS)).isInstanceOf(ChannelUpdate.Remove.class);
    assertThat(update.url(WebhookChannel.SLACK)).isInstanceOf(ChannelUpdate.Keep.class);
  }

  @Test
  void aWebhookUrlPrintsAsNothing() {
    WebhookUrl url =
        WebhookUrl.parse("https://hooks.slack.com/services/T0/B0/secret", false)
            .url()
            .orElseThrow();

    assertThat(url.toString()).doesNotContain("secret", "hooks");
    assertThat(
            read(
                    "{\"slack\": {\"webhook_url\": \"https://hooks.slack.com/services/T0/B0/secret\"}}",
                    false)
                .toString())
        .doesNotContain("secret");
  }
}
