package dev.microworks.identity.internal;

import dev.microworks.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
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
 * The sign-in page, the home page and the change-password page. Signing in ({@code POST /login})
 * and out ({@code POST /logout}) are Spring Security's filters; every form carries the CSRF token.
 */
@Controller
class SignInPages {

  private final JdbcUsers users;
  private final PasswordChanges passwords;
  private final SignIns signIns;
  private final OidcSignIn oidc;
  private final LdapProperties ldap;

  SignInPages(
      JdbcUsers users,
      PasswordChanges passwords,
      SignIns signIns,
      OidcSignIn oidc,
      LdapProperties ldap) {
    this.users = users;
    this.passwords = passwords;
    this.signIns = signIns;
    this.oidc = oidc;
    this.ldap = ldap;
  }

  @GetMapping("/login")
  @PreAuthorize("permitAll()")
  String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String throttled,
      @RequestParam(required = false) String logout,
      Model model) {
    if (throttled != null) {
      model.addAttribute("problem", LoginThrottled.ANSWER);
    } else if (error != null) {
      model.addAttribute("problem", LoginRefused.ANSWER);
    }
    model.addAttribute("signedOut", logout != null);
    model.addAttribute("providers", oidc.providers());
    model.addAttribute("directory", ldap.enabled());
    return "login";
  }

  @GetMapping("/")
  @PreAuthorize("isAuthenticated()")
  String home(Authentication authentication, Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    Account account = users.account(user.user().id()).orElseThrow();
    model.addAttribute("user", users.view(account));
    List<String> held = new ArrayList<>();
    for (Role role : Role.values()) {
      if (user.roles().stream().anyMatch(granted -> granted.includes(role))) {
        held.add(0, role.name()); // the highest first
      }
    }
    model.addAttribute("roles", held);
    return "home";
  }

  @GetMapping("/account/password")
  @PreAuthorize("isAuthenticated()")
  String passwordForm(Authentication authentication, Model model) {
    return passwordPage(authentication, model, List.of());
  }

  @PostMapping("/account/password")
  @PreAuthorize("isAuthenticated()")
  String changePassword(
      @RequestParam(name = "current_password", defaultValue = "") String current,
      @RequestParam(name = "new_password", defaultValue = "") String next,
      @RequestParam(name = "repeat_password", defaultValue = "") String repeat,
      Authentication authentication,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    UserAuthentication user = (UserAuthentication) authentication;
    PasswordChanges.Outcome outcome = passwords.change(user, current, next, repeat);
    if (!outcome.changed()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return passwordPage(authentication, model, outcome.problems());
    }
    signIns.establish(passwords.signedInAgain(user), request, response);
    return "redirect:/?password-changed";
  }

  private String passwordPage(Authentication authentication, Model model, List<String> problems) {
    UserAuthentication user = (UserAuthentication) authentication;
    model.addAttribute("email", user.getName());
    model.addAttribute("required", user.stage() == Stage.PASSWORD_CHANGE);
    model.addAttribute("problems", problems);
    model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
    return "password";
  }
}
