package dev.microworks.identity.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.identity.Role;
import dev.microworks.identity.UserView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Users, groups and tokens as the API answers them (snake_case, like the rest of /api/v1). */
final class IdentityViews {

  private IdentityViews() {}

  /** A user; never a password, hash, token or seed. */
  record UserJson(
      UUID id,
      String email,
      @JsonProperty("display_name") String displayName,
      String status,
      String source,
      List<String> roles,
      @JsonProperty("effective_roles") List<String> effectiveRoles,
      List<String> groups,
      @JsonProperty("mfa_enabled") boolean mfaEnabled,
      @JsonProperty("must_change_password") boolean mustChangePassword,
      @JsonProperty("locked_until") Instant lockedUntil,
      @JsonProperty("created_at") Instant createdAt) {

    static UserJson of(UserView user, Account account) {
      return new UserJson(
          user.id().value(),
          user.email(),
          user.displayName(),
          user.status().name(),
          user.source().name(),
          sorted(user.roles()),
          sorted(user.effectiveRoles()),
          user.groups(),
          user.mfaEnabled(),
          account.mustChangePassword(),
          account.lockedUntil(),
          user.createdAt());
    }
  }

  record GroupJson(
      UUID id,
      String name,
      String source,
      List<String> roles,
      List<String> members,
      @JsonProperty("created_at") Instant createdAt) {

    static GroupJson of(JdbcGroups.Group group) {
      return new GroupJson(
          group.id(),
          group.name(),
          group.source().name(),
          sorted(group.roles()),
          group.members(),
          group.at());
    }
  }

  /** A personal access token's metadata: never the token. */
  record TokenJson(
      UUID id,
      String name,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("expires_at") Instant expiresAt,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("revoked_at") Instant revokedAt) {

    static TokenJson of(AccessTokens.TokenInfo token) {
      return new TokenJson(
          token.id(),
          token.name(),
          token.createdAt(),
          token.expiresAt(),
          token.lastUsedAt(),
          token.revokedAt());
    }
  }

  /**
   * The one answer that shows a new token. Not a record: {@link #toString()} (which Spring's DEBUG
   * log uses) leaves the token out.
   */
  static final class CreatedTokenJson {
    private final AccessTokens.CreatedToken created;

    CreatedTokenJson(AccessTokens.CreatedToken created) {
      this.created = created;
    }

    @JsonProperty("id")
    UUID id() {
      return created.info().id();
    }

    @JsonProperty("name")
    String name() {
      return created.info().name();
    }

    @JsonProperty("token")
    String token() {
      return created.reveal();
    }

    @JsonProperty("created_at")
    Instant createdAt() {
      return created.info().createdAt();
    }

    @JsonProperty("expires_at")
    Instant expiresAt() {
      return created.info().expiresAt();
    }

    @JsonProperty("note")
    String note() {
      return "This token is shown once. Send it as 'Authorization: Bearer <token>'.";
    }

    @Override
    public String toString() {
      return "CreatedTokenJson[" + created.info().id() + ", mwp_…]";
    }
  }

  /** The one answer that shows a temporary password; {@link #toString()} leaves it out. */
  static final class TemporaryPasswordJson {
    private final UserManagement.TemporaryPassword password;

    TemporaryPasswordJson(UserManagement.TemporaryPassword password) {
      this.password = password;
    }

    @JsonProperty("temporary_password")
    String temporaryPassword() {
      return password.reveal();
    }

    @JsonProperty("must_change_password")
    boolean mustChangePassword() {
      return true;
    }

    @Override
    public String toString() {
      return "TemporaryPasswordJson[…]";
    }
  }

  private static List<String> sorted(java.util.Set<Role> roles) {
    return roles.stream().sorted().map(Role::name).toList();
  }
}
