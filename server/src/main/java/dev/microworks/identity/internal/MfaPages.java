package dev.microworks.identity.internal;

import dev.microworks.wallet.WalletSealedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second factor's pages: the TOTP code at sign-in ({@code /login/totp}) and the user's own
 * enrolment ({@code /account/mfa}). The secret and its QR code appear only on the page answering
 * {@code POST /account/mfa/totp}, the recovery codes only on the page answering the confirmation.
 */
@Controller
class MfaPages {

  static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  static final String SEALED =
      "The wallet that keeps authenticator keys is sealed, so codes cannot be checked now."
          + " Try again later, or ask an administrator to unseal it.";

  private final SecondFactors secondFactors;
  private final SignIns signIns;

  MfaPages(SecondFactors secondFactors, SignIns signIns) {
    this.secondFactors = secondFactors;
    this.signIns = signIns;
  }

  /** Open to a pending sign-in (it has no roles yet); a sign-in with nothing due moves on. */
  @GetMapping("/login/totp")
  @PreAuthorize("isAuthenticated()")
  String codeForm(Authentication authentication, Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    if (user.stage() != Stage.SECOND_FACTOR) {
      return "redirect:" + user.stage().page();
    }
    return codePage(user, model, null);
  }

  @PostMapping("/login/totp")
  @PreAuthorize("isAuthenticated()")
  String checkCode(
      @RequestParam(defaultValue = "") String code,
      Authentication authentication,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    if (user.stage() != Stage.SECOND_FACTOR) {
      return "redirect:" + user.stage().page();
    }
    SecondFactors.Outcome outcome;
    try {
      outcome = secondFactors.check(user, code);
    } catch (WalletSealedException e) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      return codePage(user, model, SEALED);
    }
    if (outcome.check().passed()) {
      UserAuthentication next = signIns.secondFactorPassed(user);
      signIns.establish(next, request, response);
      return "redirect:" + next.stage().page();
    }
    String problem =
        switch (outcome.check()) {
          case LOCKED ->
              "Too many wrong codes, try again at " + CLOCK.format(outcome.lockedUntil()) + " UTC.";
          case REPLAYED -> "That code was used already. Wait for the next code in your app.";
          default -> "That code is not right. Enter the current code from your app.";
        };
    response.setStatus(
        outcome.check() == SecondFactors.Check.LOCKED
            ? HttpStatus.TOO_MANY_REQUESTS.value()
            : HttpStatus.UNPROCESSABLE_CONTENT.value());
    return codePage(user, model, problem);
  }

  @GetMapping("/account/mfa")
  @PreAuthorize("isAuthenticated()")
  String status(
      @RequestParam(required = false) String disabled, Authentication authentication, Model model) {
    if (disabled != null) {
      model.addAttribute("note", "Two-step sign-in is off.");
    }
    return statusPage(authentication, model, List.of());
  }

  @PostMapping("/account/mfa/totp")
  @PreAuthorize("isAuthenticated()")
  String beginEnrolment(Authentication authentication, HttpServletResponse response, Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    SecondFactors.Enrolment enrolment;
    try {
      enrolment = secondFactors.begin(user);
    } catch (IdentityException e) {
      response.setStatus(e.status().value());
      return statusPage(authentication, model, List.of(e.getMessage()));
    } catch (WalletSealedException e) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      return statusPage(authentication, model, List.of(SEALED));
    }
    response.setHeader("Cache-Control", "no-store");
    model.addAttribute("email", user.getName());
    model.addAttribute("otpauthUri", enrolment.otpauthUri());
    model.addAttribute("secret", enrolment.secret());
    model.addAttribute("qrCode", enrolment.qrSvg());
    return "mfa-enrol";
  }

  @PostMapping("/account/mfa/totp/confirm")
  @PreAuthorize("isAuthenticated()")
  String confirmEnrolment(
      @RequestParam(defaultValue = "") String code,
      Authentication authentication,
      HttpServletResponse response,
      Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    return secondFactors
        .confirm(user, code)
        .map(
            codes -> {
              response.setHeader("Cache-Control", "no-store");
              model.addAttribute("email", user.getName());
              model.addAttribute("recoveryCodes", codes);
              return "mfa-recovery";
            })
        .orElseGet(
            () -> {
              response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
              return statusPage(
                  authentication,
                  model,
                  List.of("That code is not right. Enter the current code from your app."));
            });
  }

  @PostMapping("/account/mfa/totp/disable")
  @PreAuthorize("isAuthenticated()")
  String disable(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(name = "current_password", defaultValue = "") String password,
      Authentication authentication,
      HttpServletResponse response,
      Model model) {
    if (secondFactors.disable((UserAuthentication) authentication, code, password)) {
      return "redirect:/account/mfa?disabled";
    }
    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    return statusPage(
        authentication,
        model,
        List.of("Enter a current code from your app, or your password, to turn it off."));
  }

  private String statusPage(Authentication authentication, Model model, List<String> problems) {
    UserAuthentication user = (UserAuthentication) authentication;
    SecondFactors.Status status = secondFactors.status(user);
    model.addAttribute("email", user.getName());
    model.addAttribute("status", status);
    model.addAttribute("problems", problems);
    return "mfa";
  }

  private static String codePage(UserAuthentication user, Model model, String problem) {
    model.addAttribute("email", user.getName());
    model.addAttribute("problem", problem);
    return "totp";
  }
}
