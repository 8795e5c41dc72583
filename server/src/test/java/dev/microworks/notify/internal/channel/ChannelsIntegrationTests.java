package dev.microworks.notify.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.notify.CardsPublished;
import dev.microworks.notify.CardsPublished.ExpiredCard;
import dev.microworks.notify.FeedCard;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels end to end on a real database (one subclass per database): preferences through the
 * HTTP API as a signed-in user, cards announced as the notify module announces them, e-mail to a
 * local SMTP server (GreenMail), Slack and Teams to a local HTTP receiver.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "microworks.sync.schedules-enabled=false",
      "microworks.public-url=https://microworks.test",
      "microworks.notify.allow-insecure-webhooks=true",
      "microworks.notify.delivery-threads=2",
      "microworks.notify.webhook-timeout=PT20S"
    })
abstract class ChannelsIntegrationTests {

  private static final String CHANNELS = "/api/v1/me/channels";
  private static final String PASSWORD = "correct horse battery 42";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final GreenMail SMTP = startSmtp();
  private static final Map<String, List<String>> POSTED = new ConcurrentHashMap<>();

  /** Paths whose posts the receiver answers only once their latch is counted down. */
  private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

  private static final HttpServer RECEIVER = startReceiver();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired DigestJob digests;
  @Autowired AuditLog audit;

  private ApiClient admin;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  /** The SMTP server and the receiver serve every subclass; they end with the test JVM. */
  @AfterAll
  static void releaseHeldPosts() {
    HELD.values().forEach(CountDownLatch::countDown);
  }

  @BeforeEach
  void bootstrapAdmin() throws Exception {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = "mwb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    // what BootstrapToken.rotate() does: only the hash is stored
    jdbc.sql(
            "INSERT INTO bootstrap_token (id, token_hash, issued_at) VALUES (1, ?, now())"
                + " ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash")
        .param(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)))
        .update();
    admin = new ApiClient(port, token);
  }

  @Test
  void preferencesDefaultToImmediateEmail_andAWebhookUrlGoesToTheWalletAndIsNeverShown() {
    User user = user("prefs");
    String secretPart = "SECRET-" + UUID.randomUUID();
    String url = receiverUrl("/slack/" + secretPart);

    JsonNode defaults = ApiClient.json(user.browser.api("GET", CHANNELS, null));
    assertThat(defaults.toString())
        .isEqualTo(
            "{\"email\":{\"enabled\":true,\"mode\":\"immediate\",\"available\":true},"
                + "\"slack\":{\"enabled\":false,\"configured\":false},"
                + "\"teams\":{\"enabled\":false,\"configured\":false}}");

    HttpResponse<String> put =
        user.browser.api(
            "PUT",
            CHANNELS,
            "{\"slack\": {\"enabled\": true, \"webhook_url\": \""
                + url
                + "\"},"
                + " \"email\": {\"mode\": \"digest\"}}");

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).doesNotContain(secretPart);
    HttpResponse<String> read = user.browser.api("GET", CHANNELS, null);
    assertThat(read.body()).doesNotContain(secretPart);
    JsonNode now = ApiClient.json(read);
    assertThat(now.at("/slack/enabled").asBoolean()).isTrue();
    assertThat(now.at("/slack/configured").asBoolean()).isTrue();
    assertThat(now.at("/email/mode").asString()).isEqualTo("digest");
    assertThat(now.at("/email/enabled").asBoolean()).as("left out: kept").isTrue();
    // stored: preferences without the URL, the URL only as a wallet envelope
    assertThat(
            jdbc.sql("SELECT t::text FROM channel_preference t WHERE user_id = ?")
                .param(user.id)
                .query(String.class)
                .single())
        .doesNotContain(secretPart);
    assertThat(
            jdbc.sql(
                    "SELECT envelope FROM wallet_credential WHERE kind = 'WEBHOOK' AND owner = ?"
                        + " AND slot = 'slack'")
                .param(user.id.toString())
                .query(byte[].class)
                .single())
        .satisfies(
            envelope ->
                assertThat(new String(envelope, StandardCharsets.ISO_8859_1))
                    .doesNotContain(secretPart));
    assertThat(audit.recent(TenantId.DEFAULT, "wallet.credential.set", 50))
        .extracting(AuditEntry::target)
        .contains("webhook:" + user.id + "/slack");

    // removing the URL while Slack stays on is refused, with the field named
    HttpResponse<String> removed =
        user.browser.api("PUT", CHANNELS, "{\"slack\": {\"webhook_url\": null}}");
    assertThat(removed.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(removed).get("problems").toString())
        .contains("slack.webhook_url: needed to enable Slack");
    HttpResponse<String> off =
        user.browser.api(
            "PUT", CHANNELS, "{\"slack\": {\"enabled\": false, \"webhook_url\": null}}");
    assertThat(ApiClient.json(off).at("/slack/configured").asBoolean()).isFalse();
  }

  @Test
  void aBadUpdateIs422WithEveryProblemNamingItsField_andChangesNothing() {
    User user = user("invalid");

    HttpResponse<String> refused =
        user.browser.api(
            "PUT",
            CHANNELS,
            "{\"email\": {\"enabled\": false, \"mode\": \"weekly\"},"
                + " \"teams\": {\"enabled\": true, \"webhook_url\": \"http://hooks.example.com/x\"}}");

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    JsonNode problem = ApiClient.json(refused);
    assertThat(problem.get("problems").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrder(
            "email.mode: must be \"immediate\" or \"digest\"",
            "teams.webhook_url: may be http:// only to localhost or 127.0.0.1",
            "teams.webhook_url: needed to enable Teams (the incoming-webhook URL from Teams)");
    assertThat(refused.body()).doesNotContain("hooks.example.com");
    assertThat(
            ApiClient.json(user.browser.api("GET", CHANNELS, null))
                .at("/email/enabled")
                .asBoolean())
        .as("nothing applied")
        .isTrue();
    assertThat(new ApiClient(port, null).get(CHANNELS).statusCode()).isEqualTo(401);
  }

  @Test
  void anImmediateMailArrivesWithTheCardsTitleFieldsAndALinkToTheFeed() {
    User user = user("immediate");
    FeedCard card = TestCards.typical(user.id);

    publisher.publishEvent(
        new CardsPublished(dev.microworks.tenant.TenantId.DEFAULT, List.of(card), List.of()));

    MimeMessage mail = awaitMails(user.email, 1).get(0);
    assertThat(subject(mail)).isEqualTo("Expense report EXP-1 waits for you");
    String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("Amount", "1,234.00 EUR", "https://microworks.test/");
    assertThat(body).contains("text/html", "text/plain");
  }

  @Test
  void aDigestCollectsCardsIntoOneMail_leavingOutCardsThatExpiredOrWereDoneBeforeItWasSent() {
    User user = user("digest");
    assertThat(
            user.browser.api("PUT", CHANNELS, "{\"email\": {\"mode\": \"digest\"}}").statusCode())
        .isEqualTo(200);
    FeedCard first = activeCard(user.id, "First card of the digest");
    FeedCard second = activeCard(user.id, "Second card of the digest");
    FeedCard expiring = activeCard(user.id, "Card that expires before the digest");
    FeedCard done = activeCard(user.id, "Card done in the feed before the digest");

    publisher.publishEvent(
        new CardsPublished(
            dev.microworks.tenant.TenantId.DEFAULT,
            List.of(first, second, expiring, done),
            List.of()));
    await(() -> queued(user) == 4, "4 cards queued for the digest");
    assertThat(
            jdbc.sql("SELECT content FROM channel_digest_item WHERE user_id = ?")
                .param(user.id)
                .query(byte[].class)
                .list())
        .as("queued content is encrypted")
        .allSatisfy(
            content ->
                assertThat(new String(content, StandardCharsets.ISO_8859_1))
                    .doesNotContain("digest"));
    publisher.publishEvent(
        new CardsPublished(
            dev.microworks.tenant.TenantId.DEFAULT,
            List.of(),
            List.of(new ExpiredCard(expiring.id(), user.id, expiring.microapp()))));
    await(() -> queued(user) == 3, "the expired card taken out of the digest");
    jdbc.sql("UPDATE card SET state = 'DONE' WHERE id = ?").param(done.id()).update();
    assertThat(mailsTo(user.email)).as("no mail before the digest runs").isEmpty();

    assertThat(digests.sendAll()).isGreaterThanOrEqualTo(1);

    List<MimeMessage> mails = awaitMails(user.email, 1);
    assertThat(mails).hasSize(1);
    assertThat(subject(mails.get(0))).isEqualTo("2 new cards in Microworks");
    String body = GreenMailUtil.getBody(mails.get(0));
    assertThat(body).contains("First card of the digest", "Second card of the digest");
    assertThat(body).doesNotContain("expires before", "done in the feed");
    assertThat(queued(user)).isZero();
  }

  @Test
  void slackAndTeamsReceiveMessagesThatValidate_andEachUrlIsDecryptedForNotifyAndAudited() {
    User user = user("webhooks");
    String slackPath = "/slack/" + UUID.randomUUID();
    String teamsPath = "/teams/" + UUID.randomUUID();
    HttpResponse<String> put =
        user.browser.api(
            "PUT",
            CHANNELS,
            "{\"email\": {\"enabled\": false},"
                + " \"slack\": {\"enabled\": true, \"webhook_url\": \""
                + receiverUrl(slackPath)
                + "\"}, \"teams\": {\"enabled\": true, \"webhook_url\": \""
                + receiverUrl(teamsPath)
                + "\"}}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    publisher.publishEvent(
        new CardsPublished(
            dev.microworks.tenant.TenantId.DEFAULT,
            List.of(TestCards.typical(user.id)),
            List.of()));

    await(() -> POSTED.containsKey(slackPath) && POSTED.containsKey(teamsPath), "both posted");
    JsonNode slack = JSON.readTree(POSTED.get(slackPath).get(0));
    JsonNode teams = JSON.readTree(POSTED.get(teamsPath).get(0));
    assertThat(ChannelSchemas.slackProblems(slack)).isEmpty();
    assertThat(ChannelSchemas.teamsProblems(teams)).isEmpty();
    assertThat(slack.at("/blocks/0/text/text").asString())
        .isEqualTo("Expense report EXP-1 waits for you");
    assertThat(slack.at("/blocks/4/elements/0/url").asString())
        .isEqualTo("https://microworks.test/");
    assertThat(teams.at("/attachments/0/content/body/1/text").asString())
        .isEqualTo("Expense report EXP-1 waits for you");
    assertThat(audit.recent(TenantId.DEFAULT, "wallet.decrypt", 100))
        .filteredOn(e -> e.target().startsWith("webhook:" + user.id + "/"))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.details()).containsEntry("purpose", "NOTIFY");
              assertThat(e.actor()).isEqualTo(user.id.toString());
            });
    assertThat(mailsTo(user.email)).as("e-mail off").isEmpty();
  }

  @Test
  void aSlowWebhookNeitherHoldsUpThePublisherNorDelaysAnotherUsersMail() {
    User slow = user("slow");
    User other = user("other");
    String slowPath = "/slow/" + UUID.randomUUID();
    CountDownLatch held = new CountDownLatch(1);
    HELD.put(slowPath, held);
    assertThat(
            slow.browser
                .api(
                    "PUT",
                    CHANNELS,
                    "{\"email\": {\"enabled\": false}, \"slack\": {\"enabled\": true,"
                        + " \"webhook_url\": \""
                        + receiverUrl(slowPath)
                        + "\"}}")
                .statusCode())
        .isEqualTo(200);
    try {
      // if delivery ran on the publishing thread, this would wait for the receiver's latch
      assertTimeoutPreemptively(
          Duration.ofSeconds(15),
          () ->
              publisher.publishEvent(
                  new CardsPublished(
                      dev.microworks.tenant.TenantId.DEFAULT,
                      List.of(TestCards.typical(slow.id), TestCards.typical(other.id)),
                      List.of())));
      await(() -> POSTED.containsKey(slowPath), "the slow receiver got the post");

      assertThat(awaitMails(other.email, 1)).hasSize(1);
      assertThat(held.getCount()).as("the slow receiver is still holding").isEqualTo(1);
    } finally {
      held.countDown();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record User(UUID id, String email, Browser browser) {}

  /** A local USER with a password, signed in through the login form. */
  private User user(String name) {
    String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    HttpResponse<String> created =
        admin.post(
            "/api/v1/users",
            "application/json",
            "{\"email\": \"%s\", \"display_name\": \"Test %s\", \"password\": \"%s\","
                    .formatted(email, name, PASSWORD)
                + " \"roles\": [\"USER\"], \"must_change_password\": false}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    UUID id = UUID.fromString(ApiClient.json(created).get("id").asString());
    Browser browser = new Browser(port);
    assertThat(browser.signIn(email, PASSWORD).statusCode()).isEqualTo(302);
    browser.refreshCsrf();
    return new User(id, email, browser);
  }

  /** A card as the notify module stores it (notice and card rows), active in the feed. */
  private FeedCard activeCard(UUID user, String title) {
    UUID notice = UUID.randomUUID();
    FeedCard card = TestCards.card(user, title, "Body of " + title, List.of());
    jdbc.sql(
            "INSERT INTO notice (id, tenant_id, microapp_id, rule_id, content, priority,"
                + " created_at) VALUES (?, ?, 'expenses', 'over-limit', ?, 'HIGH', now())")
        .params(notice, TenantId.DEFAULT.value(), new byte[] {1})
        .update();
    jdbc.sql(
            "INSERT INTO card (id, tenant_id, user_id, notice_id, microapp_id, score,"
                + " score_factors, created_at, state) VALUES (?, ?, ?, ?, 'expenses', 1.5,"
                + " '[]'::jsonb, now(), 'ACTIVE')")
        .params(card.id(), TenantId.DEFAULT.value(), user, notice)
        .update();
    return card;
  }

  private int queued(User user) {
    return jdbc.sql("SELECT count(*) FROM channel_digest_item WHERE user_id = ?")
        .param(user.id)
        .query(Integer.class)
        .single();
  }

  private static List<MimeMessage> mailsTo(String email) {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : SMTP.getReceivedMessages()) {
      try {
        if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
            .anyMatch(address -> address.toString().equalsIgnoreCase(email))) {
          mails.add(message);
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return mails;
  }

  private static List<MimeMessage> awaitMails(String email, int count) {
    await(() -> mailsTo(email).size() >= count, count + " mail(s) to " + email);
    return mailsTo(email);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + path;
  }

  private static GreenMail startSmtp() {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  /** Records every post by path; paths in {@link #HELD} answer only once the test lets them. */
  private static HttpServer startReceiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            POSTED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
            CountDownLatch latch = HELD.get(path);
            if (latch != null) {
              try {
                latch.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
