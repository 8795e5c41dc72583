package dev.microworks.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microworks.audit.AuditEntry;
import dev.microworks.audit.AuditLog;
import dev.microworks.tenant.TenantId;
import dev.microworks.testsupport.ApiClient;
import dev.microworks.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in with a local password, on a real PostgreSQL (one subclass per database) over real
 * HTTP: sessions, CSRF, cookie flags, no user enumeration, lockout, sign-out, disabled users,
 * password resets and roles changing under an open session.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "microworks.sync.schedules-enabled=false")
abstract class SignInIntegrationTests {

  private static final String WRONG = "wrong horse battery 42";

  @LocalServerPort int port;
  @Autowired BootstrapToken tokens;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;

  private Identities identities;

  @BeforeEach
  void identities() {
    identities = new Identities(port, tokens);
  }

  @Test
  void theSessionIdChangesAtSignIn_andTheOldOneIsWorthNothing() {
    String email = Identities.uniqueEmail("fixation");
    identities.user(email, "USER");
    Browser browser = new Browser(port);
    browser.get("/login");
    String before = browser.sessionId().orElseThrow();

    HttpResponse<String> signIn = browser.post("/login", credentials(email, Identities.PASSWORD));

    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/");
    String after = browser.sessionId().orElseThrow();
    assertThat(after).isNotEqualTo(before);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    Browser attacker = new Browser(port);
    HttpResponse<String> withOldId =
        attacker.send(attacker.request("/").header("Cookie", "JSESSIONID=" + before));
    assertThat(withOldId.statusCode()).isEqualTo(302);
    assertThat(withOldId.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndSameSiteLax() {
    String email = Identities.uniqueEmail("cookie");
    identities.user(email, "USER");
    Browser browser = new Browser(port);
    browser.get("/login");

    HttpResponse<String> signIn = browser.post("/login", credentials(email, Identities.PASSWORD));

    assertThat(Browser.setCookies(signIn))
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .singleElement()
        .satisfies(
            cookie ->
                assertThat(cookie)
                    .contains("HttpOnly")
                    .contains("Secure")
                    .containsIgnoringCase("SameSite=Lax"));
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefused_onTheSignInFormAndEveryOther() {
    String email = Identities.uniqueEmail("csrf");
    identities.user(email, "USER");
    Browser browser = new Browser(port);
    browser.get("/login");

    HttpResponse<String> forged =
        browser.postWithoutCsrf("/login", credentials(email, Identities.PASSWORD));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);

    Browser signedIn = identities.signedIn(email);
    Map<String, String> change =
        Map.of(
            "current_password", Identities.PASSWORD,
            "new_password", "a brand new passphrase",
            "repeat_password", "a brand new passphrase");
    assertThat(signedIn.postWithoutCsrf("/account/password", change).statusCode()).isEqualTo(403);
    assertThat(signedIn.postWithoutCsrf("/logout", Map.of()).statusCode()).isEqualTo(403);
    assertThat(signedIn.get("/").statusCode()).as("still signed in").isEqualTo(200);

    // the API with the session cookie: unsafe methods need the token in X-CSRF-TOKEN
    HttpResponse<String> withoutToken =
        signedIn.api("POST", "/api/v1/me/tokens", "{\"name\": \"x\"}", false);
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(withoutToken).get("detail").asString()).contains("CSRF");
    assertThat(signedIn.api("POST", "/api/v1/me/tokens", "{\"name\": \"x\"}").statusCode())
        .isEqualTo(201);
    assertThat(signedIn.api("GET", "/api/v1/me", null, false).statusCode())
        .as("safe methods need no token")
        .isEqualTo(200);
  }

  @Test
  void anUnknownUserAWrongPasswordAndADisabledAccountGetTheSameAnswer() {
    String email = Identities.uniqueEmail("enumeration");
    String disabled = Identities.uniqueEmail("enumeration-disabled");
    identities.user(email, "USER");
    String disabledId = identities.user(disabled, "USER");
    assertThat(identities.patch(disabledId, "{\"status\": \"DISABLED\"}").statusCode())
        .isEqualTo(200);
    List<Long> unknownNanos = new ArrayList<>();
    List<Long> wrongNanos = new ArrayList<>();
    List<String> answers = new ArrayList<>();

    for (int i = 0; i < 3; i++) {
      answers.add(answer(Identities.uniqueEmail("nobody"), Identities.PASSWORD, unknownNanos));
      answers.add(answer(email, WRONG, wrongNanos));
      answers.add(answer(disabled, Identities.PASSWORD, new ArrayList<>()));
    }

    assertThat(answers).containsOnly("302 /login?error");
    String unknownPage = new Browser(port).get("/login?error").body();
    assertThat(unknownPage).contains(LoginRefused.ANSWER.replace("'", "&#39;"));
    System.out.printf(
        "Sign-in refusal, median of 3: unknown user %d ms, wrong password %d ms%n",
        median(unknownNanos) / 1_000_000, median(wrongNanos) / 1_000_000);
    assertThat(
            new Browser(port).signIn(email, Identities.PASSWORD).headers().firstValue("Location"))
        .as("two wrong passwords do not lock")
        .hasValue("/");
  }

  @Test
  void fiveWrongPasswordsLockTheAccount_thenEvenTheRightOneGetsTheSameAnswer_andItIsAudited() {
    String email = Identities.uniqueEmail("lockout");
    identities.user(email, "USER");
    for (int i = 0; i < 5; i++) {
      assertThat(answer(email, WRONG, new ArrayList<>())).isEqualTo("302 /login?error");
    }

    assertThat(answer(email, Identities.PASSWORD, new ArrayList<>()))
        .as("locked: the right password is refused alike")
        .isEqualTo("302 /login?error");

    assertThat(
            jdbc.sql("SELECT locked_until > now() FROM app_user WHERE email = ?")
                .param(email)
                .query(Boolean.class)
                .single())
        .isTrue();
    List<AuditEntry> entries = audit.recent(TenantId.DEFAULT, "identity.login", 200);
    assertThat(entries)
        .filteredOn(e -> e.target().equals(email))
        .extracting(AuditEntry::action, e -> e.details().get("reason"))
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("identity.login.failed", "locked"),
            org.assertj.core.groups.Tuple.tuple("identity.login.locked", null),
            org.assertj.core.groups.Tuple.tuple("identity.login.failed", "wrong_password"));
    assertThat(entries)
        .filteredOn(e -> e.target().equals(email))
        .allSatisfy(
            e -> assertThat(e.details().values()).doesNotContain(WRONG, Identities.PASSWORD));
  }

  @Test
  void tooManyFailuresForOneEmailAreThrottled_whetherTheAccountExistsOrNot() {
    String nobody = Identities.uniqueEmail("throttled-nobody");
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      answers.add(answer(nobody, WRONG, new ArrayList<>()));
    }
    assertThat(answers.subList(0, 10)).containsOnly("302 /login?error");
    assertThat(answers.get(10)).isEqualTo("302 /login?throttled");
    assertThat(new Browser(port).get("/login?throttled").body())
        .contains("Too many failed sign-ins");
  }

  @Test
  void passwordPolicyProblemsAreAllNamed_andThePasswordIsNeverQuoted() {
    String email = Identities.uniqueEmail("policy");
    String local = email.substring(0, email.indexOf('@'));
    for (Map.Entry<String, String> bad :
        Map.of(
                "short",
                "needs at least 12",
                local,
                "must not be your e-mail address",
                "Password1234",
                "most common passwords",
                "x".repeat(129),
                "at most 128")
            .entrySet()) {
      HttpResponse<String> refused =
          identities
              .admin()
              .post(
                  "/api/v1/users",
                  "application/json",
                  "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, bad.getKey()));
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(ApiClient.json(refused).get("problems").toString()).contains(bad.getValue());
      assertThat(refused.body()).doesNotContain("\"" + bad.getKey() + "\"");
    }
    // the page: every problem listed
    identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    browser.get("/account/password");
    HttpResponse<String> page =
        browser.post(
            "/account/password",
            Map.of("current_password", WRONG, "new_password", "short", "repeat_password", "shirt"));
    assertThat(page.statusCode()).isEqualTo(422);
    assertThat(page.body())
        .contains("The current password is wrong.")
        .contains("needs at least 12")
        .contains("differ");
  }

  @Test
  void signingOutEndsTheSession() {
    String email = Identities.uniqueEmail("logout");
    identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    String session = browser.sessionId().orElseThrow();

    HttpResponse<String> signOut = browser.post("/logout", Map.of());

    assertThat(signOut.statusCode()).isEqualTo(302);
    assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");
    Browser replay = new Browser(port);
    assertThat(
            replay.send(replay.request("/").header("Cookie", "JSESSIONID=" + session)).statusCode())
        .isEqualTo(302);
    assertThat(audit.recent(TenantId.DEFAULT, "identity.logout", 50))
        .anyMatch(e -> e.target().equals(email));
  }

  @Test
  void disablingAUserEndsTheUsersSessionAtTheNextRequest_andTheUsersTokensStopWorking() {
    String email = Identities.uniqueEmail("disabled");
    String id = identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    String token = Identities.token(browser, "laptop");
    ApiClient withToken = new ApiClient(port, token);
    assertThat(withToken.get("/api/v1/me").statusCode()).isEqualTo(200);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);

    assertThat(identities.patch(id, "{\"status\": \"DISABLED\"}").statusCode()).isEqualTo(200);

    HttpResponse<String> page = browser.get("/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(withToken.get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(answer(email, Identities.PASSWORD, new ArrayList<>())).isEqualTo("302 /login?error");
    assertThat(audit.recent(TenantId.DEFAULT, "identity.", 100))
        .filteredOn(e -> e.target().equals(email))
        .extracting(AuditEntry::action)
        .contains("identity.user.disabled", "identity.session.ended");
  }

  @Test
  void aRoleGrantedOrRevokedAppliesToAnOpenSessionAtItsNextRequest() {
    String email = Identities.uniqueEmail("promoted");
    String id = identities.user(email, "USER");
    Browser browser = identities.signedIn(email);
    assertThat(browser.api("GET", "/api/v1/integrations", null).statusCode()).isEqualTo(403);

    assertThat(identities.patch(id, "{\"roles\": [\"MICROAPP_ADMIN\"]}").statusCode())
        .isEqualTo(200);
    assertThat(browser.api("GET", "/api/v1/integrations", null).statusCode()).isEqualTo(200);

    assertThat(identities.patch(id, "{\"roles\": [\"USER\"]}").statusCode()).isEqualTo(200);
    assertThat(browser.api("GET", "/api/v1/integrations", null).statusCode()).isEqualTo(403);
    assertThat(audit.recent(TenantId.DEFAULT, "identity.role.", 50))
        .filteredOn(e -> e.target().equals(email))
        .extracting(AuditEntry::action, e -> e.details().get("role"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("identity.role.granted", "MICROAPP_ADMIN"),
            org.assertj.core.groups.Tuple.tuple("identity.role.revoked", "USER"));
  }

  @Test
  void aPasswordResetForcesANewPassword_endsSessions_andNeverSkipsTheSecondFactor() {
    String plain = Identities.uniqueEmail("reset");
    String plainId = identities.user(plain, "USER");
    Browser open = identities.signedIn(plain);

    String temporary = reset(plainId);

    assertThat(open.get("/").statusCode()).as("the old session ended").isEqualTo(302);
    Browser browser = new Browser(port);
    HttpResponse<String> signIn = browser.signIn(plain, temporary);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/account/password");
    assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/account/password");
    HttpResponse<String> api = browser.api("GET", "/api/v1/me", null);
    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(api).get("detail").asString()).contains("Set a new password first");
    browser.get("/account/password");
    HttpResponse<String> changed =
        browser.post(
            "/account/password",
            Map.of(
                "current_password", temporary,
                "new_password", "my own passphrase 2026",
                "repeat_password", "my own passphrase 2026"));
    assertThat(changed.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith("/?"));
    assertThat(browser.get("/").statusCode()).isEqualTo(200);

    // a user with TOTP: the reset keeps it, and the second factor comes first
    String mfa = Identities.uniqueEmail("reset-mfa");
    String mfaId = identities.user(mfa, "USER");
    jdbc.sql("UPDATE app_user SET totp_enabled = true WHERE email = ?").param(mfa).update();
    String mfaTemporary = reset(mfaId);
    assertThat(
            jdbc.sql("SELECT totp_enabled FROM app_user WHERE email = ?")
                .param(mfa)
                .query(Boolean.class)
                .single())
        .isTrue();
    Browser second = new Browser(port);
    assertThat(second.signIn(mfa, mfaTemporary).headers().firstValue("Location"))
        .hasValue("/login/totp");
    assertThat(second.get("/account/password").headers().firstValue("Location"))
        .hasValue("/login/totp");
    second.get("/login"); // the sign-in replaced the CSRF token; this page shows the new one
    HttpResponse<String> pending =
        second.api(
            "POST",
            "/api/v1/me/password",
            "{\"current_password\": \"x\", \"new_password\": \"y\"}");
    assertThat(pending.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(pending).get("detail").asString()).contains("second factor");
  }

  @Test
  void theLastActiveAdministratorCannotBeDisabledOrLoseAdmin() {
    jdbc.sql(
            "DELETE FROM user_role WHERE role = 'ADMIN' AND user_id IN"
                + " (SELECT id FROM app_user WHERE NOT bootstrap_admin)")
        .update();
    jdbc.sql("DELETE FROM group_role WHERE role = 'ADMIN'").update();
    String bootstrapAdmin =
        jdbc.sql("SELECT id FROM app_user WHERE bootstrap_admin").query(String.class).single();

    for (String change : List.of("{\"status\": \"DISABLED\"}", "{\"roles\": [\"USER\"]}")) {
      HttpResponse<String> refused = identities.patch(bootstrapAdmin, change);
      assertThat(refused.statusCode()).as(change).isEqualTo(409);
      assertThat(ApiClient.json(refused).get("detail").asString())
          .contains("no active user holding ADMIN");
    }
    assertThat(identities.admin().get("/api/v1/me").statusCode()).isEqualTo(200);
  }

  private String reset(String userId) {
    HttpResponse<String> reset =
        identities
            .admin()
            .post("/api/v1/users/" + userId + "/password-reset", "application/json", "");
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    return ApiClient.json(reset).get("temporary_password").asString();
  }

  /** Signs in once from a fresh browser: "status location", timed into {@code nanos}. */
  private String answer(String email, String password, List<Long> nanos) {
    Browser browser = new Browser(port);
    browser.get("/login");
    long start = System.nanoTime();
    HttpResponse<String> response = browser.post("/login", credentials(email, password));
    nanos.add(System.nanoTime() - start);
    return response.statusCode() + " " + response.headers().firstValue("Location").orElse("");
  }

  private static Map<String, String> credentials(String email, String password) {
    return Map.of("email", email, "password", password);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
