package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.identity.internal.totp.Totp;
import dev.microworks.identity.internal.totp.TotpSecret;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The TOTP second factor over real HTTP on a real PostgreSQL (one subclass per database):
 * enrolment, the code at sign-in, replay, the lockout after ten wrong codes, recovery codes,
 * password resets and turning it off. Codes are computed from the secret the enrolment page shows;
 * sign-ins after the confirmation use the next step's code (inside the window of one step), since
 * the confirmation used up the current step.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
abstract class TotpIntegrationTests {

  private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7]+)<");
  private static final Pattern RECOVERY_CODE =
      Pattern.compile("<code>([23456789a-z]{5}-[23456789a-z]{5})</code>");
  private static final Totp TOTP = Totp.sha1Six();

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;

  private Identities identities;

  /** What an enrolment showed: the secret and the recovery codes. */
  record Enrolled(String email, String id, byte[] secret, List<String> recoveryCodes) {}

  @BeforeEach
  void identities() {
    identities = new Identities(port, tokens);
  }

  @Test
  void enrolmentShowsTheQrCodeOnce_aCodeConfirmsIt_andTheSeedIsOnlyInTheWallet() {
    String email = Identities.uniqueEmail("totp-enrol");
    identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    assertThat(browser.get("/account/mfa").body()).contains("Off: only your password");

    HttpResponse<String> enrolment = browser.post("/account/mfa/totp", Map.of());

    assertThat(enrolment.statusCode()).isEqualTo(200);
    assertThat(enrolment.body())
        .contains("otpauth://totp/Microworks:" + email.replace("@", "@"))
        .contains("<svg")
        .contains("aria-label=\"QR code\"");
    String base32 = match(SECRET, enrolment.body());
    assertThat(enrolment.body()).contains("secret=" + base32);
    HttpResponse<String> pending = browser.get("/account/mfa");
    assertThat(pending.body())
        .contains("Enrolment started")
        .doesNotContain(base32)
        .doesNotContain("otpauth://")
        .doesNotContain("<svg");
    byte[] secret = TotpSecret.fromBase32(base32).revealBytes();

    HttpResponse<String> confirmed =
        browser.post("/account/mfa/totp/confirm", Map.of("code", currentCode(secret)));

    assertThat(confirmed.statusCode()).isEqualTo(200);
    List<String> codes = all(RECOVERY_CODE, confirmed.body());
    assertThat(codes).hasSize(10).doesNotHaveDuplicates();
    HttpResponse<String> status = browser.get("/account/mfa");
    assertThat(status.body()).contains("On:").contains("10</span> recovery codes left");
    for (String code : codes) {
      assertThat(status.body()).doesNotContain(code);
    }
    assertThat(status.body()).doesNotContain(base32);
    // the seed is in the wallet, encrypted; no row of any identity or wallet table holds it
    String id =
        jdbc.sql("SELECT id FROM app_user WHERE email = ?")
            .param(email)
            .query(String.class)
            .single();
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM wallet_credential WHERE owner = ? AND kind = 'TOTP_SEED'")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    for (String table : List.of("app_user", "recovery_code", "wallet_credential", "audit_event")) {
      List<String> rows =
          jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list();
      assertThat(rows).as(table).noneMatch(row -> row.contains(base32));
      assertThat(rows).as(table).noneMatch(row -> codes.stream().anyMatch(row::contains));
    }
    assertThat(audit.recent(TenantId.DEFAULT, "identity.mfa.", 200))
        .filteredOn(e -> e.target().equals(email))
        .extracting(AuditEntry::action, AuditEntry::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("identity.mfa.enrolled", "ok"));
  }

  @Test
  void signInAsksForTheCode_aRightCodeSignsIn_andTheSameCodeIsRefusedInTheNextSignIn() {
    Enrolled user = enrolled("totp-replay");
    Browser browser = new Browser(port);
    HttpResponse<String> password = browser.signIn(user.email(), Identities.PASSWORD);
    assertThat(password.headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(403);
    HttpResponse<String> form = browser.get("/login/totp");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("name=\"code\"").contains("name=\"_csrf\"");
    String code = nextCode(user.secret());

    HttpResponse<String> accepted = browser.post("/login/totp", Map.of("code", code));

    assertThat(accepted.statusCode()).isEqualTo(302);
    assertThat(accepted.headers().firstValue("Location")).hasValue("/");
    assertThat(browser.get("/").statusCode()).isEqualTo(200);

    Browser again = new Browser(port);
    again.signIn(user.email(), Identities.PASSWORD);
    again.get("/login/totp");
    HttpResponse<String> replayed = again.post("/login/totp", Map.of("code", code));

    assertThat(replayed.statusCode()).isEqualTo(422);
    assertThat(replayed.body()).contains("used already");
    assertThat(again.get("/").headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.mfa.", 200))
        .filteredOn(e -> e.target().equals(user.email()))
        .extracting(AuditEntry::action, e -> e.details().get("reason"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("identity.mfa.passed", null),
            org.assertj.core.groups.Tuple.tuple("identity.mfa.failed", "replayed"));
  }

  @Test
  void tenWrongCodesInARowLockTheSecondFactor_thenEvenTheRightCodeIsRefused_andItIsAudited() {
    Enrolled user = enrolled("totp-lock");
    Browser browser = new Browser(port);
    browser.signIn(user.email(), Identities.PASSWORD);
    browser.get("/login/totp");
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(
          browser.post("/login/totp", Map.of("code", wrongCode(user.secret()))).statusCode());
    }
    assertThat(answers.subList(0, 9)).containsOnly(422);
    assertThat(answers.get(9)).isEqualTo(429);

    HttpResponse<String> right =
        browser.post("/login/totp", Map.of("code", nextCode(user.secret())));

    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.body())
        .containsPattern("Too many wrong codes, try again at \\d\\d:\\d\\d UTC");
    assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(
            jdbc.sql("SELECT totp_locked_until > now() FROM app_user WHERE email = ?")
                .param(user.email())
                .query(Boolean.class)
                .single())
        .isTrue();
    List<AuditEntry> entries =
        audit.recent(TenantId.DEFAULT, "identity.mfa.", 200).stream()
            .filter(e -> e.target().equals(user.email()))
            .toList();
    assertThat(entries)
        .extracting(AuditEntry::action, e -> e.details().get("reason"))
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("identity.mfa.failed", "locked"),
            org.assertj.core.groups.Tuple.tuple("identity.mfa.locked", null),
            org.assertj.core.groups.Tuple.tuple("identity.mfa.failed", "wrong_code"));
    assertThat(entries).filteredOn(e -> e.action().equals("identity.mfa.failed")).hasSize(11);
    assertThat(entries).noneMatch(e -> e.action().equals("identity.mfa.passed"));
  }

  @Test
  void aRecoveryCodeSignsInOnce_notTwice() {
    Enrolled user = enrolled("totp-recovery");
    String recovery = user.recoveryCodes().get(3);
    Browser browser = new Browser(port);
    browser.signIn(user.email(), Identities.PASSWORD);
    browser.get("/login/totp");

    HttpResponse<String> accepted =
        browser.post("/login/totp", Map.of("code", recovery.toUpperCase().replace("-", " ")));

    assertThat(accepted.headers().firstValue("Location")).hasValue("/");
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    assertThat(browser.get("/account/mfa").body()).contains("9</span> recovery codes left");
    Browser again = new Browser(port);
    again.signIn(user.email(), Identities.PASSWORD);
    again.get("/login/totp");
    HttpResponse<String> refused = again.post("/login/totp", Map.of("code", recovery));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(again.get("/").headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.mfa.", 200))
        .filteredOn(e -> e.target().equals(user.email()))
        .extracting(AuditEntry::action)
        .contains("identity.mfa.recovery-code-used", "identity.mfa.failed");
  }

  @Test
  void aPasswordResetDoesNotSkipTheSecondFactor() {
    Enrolled user = enrolled("totp-reset");
    HttpResponse<String> reset =
        identities
            .admin()
            .post("/api/v1/users/" + user.id() + "/password-reset", "application/json", "");
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    String temporary = ApiClient.json(reset).get("temporary_password").asString();

    Browser browser = new Browser(port);
    HttpResponse<String> signIn = browser.signIn(user.email(), temporary);

    assertThat(signIn.headers().firstValue("Location")).hasValue("/login/totp");
    assertThat(browser.get("/account/password").headers().firstValue("Location"))
        .hasValue("/login/totp");
    browser.get("/login/totp");
    HttpResponse<String> code =
        browser.post("/login/totp", Map.of("code", nextCode(user.secret())));
    assertThat(code.headers().firstValue("Location")).hasValue("/account/password");
    assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/account/password");
  }

  @Test
  void turningItOffNeedsACurrentCode_andRemovesTheSeedAndTheRecoveryCodes() {
    Enrolled user = enrolled("totp-disable");
    Browser browser = identitiesSignedInWithCode(user);
    browser.get("/account/mfa");

    HttpResponse<String> refused =
        browser.post("/account/mfa/totp/disable", Map.of("code", wrongCode(user.secret())));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("On:");
    HttpResponse<String> off =
        browser.post("/account/mfa/totp/disable", Map.of("code", currentCode(user.secret())));
    assertThat(off.headers().firstValue("Location")).hasValue("/account/mfa?disabled");
    assertThat(
            jdbc.sql("SELECT count(*) FROM wallet_credential WHERE owner = ?")
                .param(user.id())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = ?::uuid")
                .param(user.id())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            new Browser(port)
                .signIn(user.email(), Identities.PASSWORD)
                .headers()
                .firstValue("Location"))
        .hasValue("/");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.mfa.", 200))
        .filteredOn(e -> e.target().equals(user.email()))
        .extracting(AuditEntry::action, AuditEntry::outcome)
        .contains(
            org.assertj.core.groups.Tuple.tuple("identity.mfa.disabled", "refused"),
            org.assertj.core.groups.Tuple.tuple("identity.mfa.disabled", "ok"));
  }

  @Test
  void theApiEnrolsConfirmsAndDisables_forATokenCaller() {
    String email = Identities.uniqueEmail("totp-api");
    identities.user(email, "USER");
    ApiClient api = new ApiClient(port, Identities.token(identities.signedIn(email), "totp"));
    assertThat(ApiClient.json(api.get("/api/v1/me/mfa")).get("enabled").asBoolean()).isFalse();

    HttpResponse<String> begun = api.post("/api/v1/me/mfa/totp", "application/json", "");

    assertThat(begun.statusCode()).as(begun.body()).isEqualTo(201);
    var enrolment = ApiClient.json(begun);
    String base32 = enrolment.get("secret").asString();
    assertThat(enrolment.get("otpauth_uri").asString())
        .startsWith("otpauth://totp/Microworks:")
        .contains("secret=" + base32);
    assertThat(enrolment.get("qr_svg").asString()).startsWith("<svg");
    byte[] secret = TotpSecret.fromBase32(base32).revealBytes();
    assertThat(
            api.post("/api/v1/me/mfa/totp/confirm", "application/json", "{\"code\": \"x\"}")
                .statusCode())
        .isEqualTo(422);
    HttpResponse<String> confirmed =
        api.post(
            "/api/v1/me/mfa/totp/confirm",
            "application/json",
            "{\"code\": \"" + currentCode(secret) + "\"}");
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(ApiClient.json(confirmed).get("recovery_codes").size()).isEqualTo(10);
    assertThat(ApiClient.json(api.get("/api/v1/me/mfa")).get("enabled").asBoolean()).isTrue();
    assertThat(api.post("/api/v1/me/mfa/totp", "application/json", "").statusCode())
        .as("enrolling again while on")
        .isEqualTo(409);

    assertThat(api.post("/api/v1/me/mfa/totp/disable", "application/json", "{}").statusCode())
        .isEqualTo(422);
    assertThat(
            api.post(
                    "/api/v1/me/mfa/totp/disable",
                    "application/json",
                    "{\"code\": \"" + currentCode(secret) + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(ApiClient.json(api.get("/api/v1/me/mfa")).get("enabled").asBoolean()).isFalse();
  }

  /** A USER who enrolled through the pages, signed out again. */
  private Enrolled enrolled(String name) {
    String email = Identities.uniqueEmail(name);
    String id = identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    browser.get("/account/mfa");
    String base32 = match(SECRET, browser.post("/account/mfa/totp", Map.of()).body());
    byte[] secret = TotpSecret.fromBase32(base32).revealBytes();
    HttpResponse<String> confirmed =
        browser.post("/account/mfa/totp/confirm", Map.of("code", currentCode(secret)));
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    return new Enrolled(email, id, secret, all(RECOVERY_CODE, confirmed.body()));
  }

  private Browser identitiesSignedInWithCode(Enrolled user) {
    Browser browser = new Browser(port);
    assertThat(browser.signIn(user.email(), Identities.PASSWORD).headers().firstValue("Location"))
        .hasValue("/login/totp");
    browser.get("/login/totp");
    assertThat(
            browser
                .post("/login/totp", Map.of("code", nextCode(user.secret())))
                .headers()
                .firstValue("Location"))
        .hasValue("/");
    return browser;
  }

  private static String currentCode(byte[] secret) {
    return TOTP.code(secret, TOTP.step(Instant.now()));
  }

  /** The next step's code: inside the window, and after the step the confirmation used. */
  private static String nextCode(byte[] secret) {
    return TOTP.code(secret, TOTP.step(Instant.now()) + 1);
  }

  /** A six-digit code matching no step near now. */
  private static String wrongCode(byte[] secret) {
    long step = TOTP.step(Instant.now());
    List<String> near = new ArrayList<>();
    for (long s = step - 2; s <= step + 2; s++) {
      near.add(TOTP.code(secret, s));
    }
    int candidate = 123456;
    while (near.contains("%06d".formatted(candidate))) {
      candidate++;
    }
    return "%06d".formatted(candidate);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
    return matcher.group(1);
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
