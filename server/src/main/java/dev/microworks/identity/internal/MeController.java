package dev.microworks.identity.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account: who am I, change my password. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me", description = "The caller's own account")
class MeController {

  /** Not a record: the passwords stay out of toString. */
  static final class PasswordChange {
    private final String currentPassword;
    private final String newPassword;

    @JsonCreator
    PasswordChange(
        @JsonProperty("current_password") String currentPassword,
        @JsonProperty("new_password") String newPassword) {
      this.currentPassword = currentPassword;
      this.newPassword = newPassword;
    }

    @Override
    public String toString() {
      return "PasswordChange[…]";
    }
  }

  private final JdbcUsers users;
  private final PasswordChanges passwords;
  private final SignIns signIns;

  MeController(JdbcUsers users, PasswordChanges passwords, SignIns signIns) {
    this.users = users;
    this.passwords = passwords;
    this.signIns = signIns;
  }

  @GetMapping
  @PreAuthorize("hasRole('USER')")
  @Operation(summary = "The signed-in user, with roles and groups")
  IdentityViews.UserJson me(Authentication authentication) {
    UserAuthentication user = (UserAuthentication) authentication;
    Account account = users.account(user.user().id()).orElseThrow();
    return IdentityViews.UserJson.of(users.view(account), account);
  }

  /**
   * Open to every signed-in caller, roles or not: a session whose password change is due has no
   * roles until it has made it.
   */
  @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("isAuthenticated()")
  @Operation(
      summary = "Change the caller's password",
      description =
          "Body {\"current_password\", \"new_password\"}. 204 when changed: the caller's other"
              + " sessions end. 422 lists every problem (wrong current password, password"
              + " policy). Wrong current passwords count towards the lockout.")
  ResponseEntity<Void> changePassword(
      @RequestBody PasswordChange body,
      Authentication authentication,
      HttpServletRequest request,
      HttpServletResponse response) {
    UserAuthentication user = (UserAuthentication) authentication;
    PasswordChanges.Outcome outcome =
        passwords.change(user, body.currentPassword, body.newPassword, null);
    if (!outcome.changed()) {
      throw IdentityException.invalid("the new password", outcome.problems());
    }
    if (user.method().session()) {
      signIns.establish(passwords.signedInAgain(user), request, response);
    }
    return ResponseEntity.noContent().build();
  }
}
