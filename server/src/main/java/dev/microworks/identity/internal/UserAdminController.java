package dev.microworks.identity.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.identity.UserId;
import dev.microworks.identity.UserView;
import dev.microworks.tenant.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users, for administrators. Answers never hold a password, a hash or a token. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Users", description = "Local accounts, status, roles, password resets (ADMIN)")
class UserAdminController {

  private static final TenantId TENANT = TenantId.DEFAULT;

  /** The body of a new local account. Not a record: its password stays out of toString. */
  static final class NewUser {
    private final String email;
    private final String displayName;
    private final String password;
    private final List<String> roles;
    private final Boolean mustChangePassword;

    @JsonCreator
    NewUser(
        @JsonProperty("email") String email,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("password") String password,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("must_change_password") Boolean mustChangePassword) {
      this.email = email;
      this.displayName = displayName;
      this.password = password;
      this.roles = roles;
      this.mustChangePassword = mustChangePassword;
    }

    @Override
    public String toString() {
      return "NewUser[" + email + "]";
    }
  }

  /** What a PATCH may change; absent fields stay. */
  record UserPatch(
      String status, @JsonProperty("display_name") String displayName, List<String> roles) {}

  private final JdbcUsers users;
  private final UserManagement management;

  UserAdminController(JdbcUsers users, UserManagement management) {
    this.users = users;
    this.management = management;
  }

  @GetMapping
  @Operation(summary = "Every user, by e-mail")
  List<IdentityViews.UserJson> list() {
    return users.accounts(TENANT).stream().map(this::json).toList();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create a local account",
      description =
          "Body {\"email\", \"display_name\", \"password\", \"roles\": [\"USER\"],"
              + " \"must_change_password\": true}. roles defaults to [USER],"
              + " must_change_password to true (the password is an initial one). 422 lists every"
              + " problem, password policy included; 409 when the e-mail is taken.")
  ResponseEntity<IdentityViews.UserJson> create(@RequestBody NewUser body, Principal principal) {
    UserView created =
        management.create(
            TENANT,
            principal.getName(),
            body.email,
            body.displayName,
            body.password,
            body.roles,
            body.mustChangePassword == null || body.mustChangePassword);
    return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(json(created));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One user")
  IdentityViews.UserJson get(@PathVariable UUID id) {
    return json(users.find(TENANT, new UserId(id)).orElseThrow(() -> notFound(id)));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Change status, display name or roles",
      description =
          "Body with any of {\"status\": \"ACTIVE\"|\"DISABLED\", \"display_name\", \"roles\":"
              + " [...]} (roles replaces the user's direct roles). Disabling ends the user's"
              + " sessions and stops the user's tokens at once. 409 when no active ADMIN would"
              + " remain.")
  IdentityViews.UserJson update(
      @PathVariable UUID id, @RequestBody UserPatch body, Principal principal) {
    return json(
        management.update(
            TENANT,
            principal.getName(),
            new UserId(id),
            body.status(),
            body.displayName(),
            body.roles()));
  }

  @PostMapping("/{id}/password-reset")
  @Operation(
      summary = "Set a temporary password",
      description =
          "Answers a random temporary password, shown once; the user must change it at the next"
              + " sign-in. Ends the user's sessions and lifts a lockout; a second factor (TOTP)"
              + " stays required. 409 for accounts of an identity provider.")
  IdentityViews.TemporaryPasswordJson resetPassword(@PathVariable UUID id, Principal principal) {
    return new IdentityViews.TemporaryPasswordJson(
        management.resetPassword(TENANT, principal.getName(), new UserId(id)));
  }

  private IdentityViews.UserJson json(UserView user) {
    return IdentityViews.UserJson.of(user, users.account(user.id()).orElseThrow());
  }

  private IdentityViews.UserJson json(Account account) {
    return IdentityViews.UserJson.of(users.view(account), account);
  }

  private static IdentityException notFound(UUID id) {
    return IdentityException.notFound("No user " + id + "; GET /api/v1/users lists them.");
  }
}
