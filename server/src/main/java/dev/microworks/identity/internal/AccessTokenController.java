package dev.microworks.identity.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal access tokens: create (shown once), list (metadata), revoke. */
@RestController
@RequestMapping(path = "/api/v1/me/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('USER')")
@Tag(name = "Personal access tokens", description = "The caller's own API tokens")
class AccessTokenController {

  /** At most this many tokens that are neither revoked nor expired, per user. */
  static final int MAX_ACTIVE = 50;

  record NewToken(String name, @JsonProperty("expires_at") Instant expiresAt) {}

  private final AccessTokens tokens;
  private final IdentityAudit audit;
  private final Clock clock;

  AccessTokenController(AccessTokens tokens, IdentityAudit audit, Optional<Clock> clock) {
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @GetMapping
  @Operation(summary = "The caller's tokens, newest first: metadata, never a token")
  List<IdentityViews.TokenJson> list(Authentication authentication) {
    return tokens.list(user(authentication).user().id()).stream()
        .map(IdentityViews.TokenJson::of)
        .toList();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create a token",
      description =
          "Body {\"name\": \"ci\", \"expires_at\": \"2027-01-01T00:00:00Z\"} (expires_at"
              + " optional). The answer holds the token, shown this once; only its hash is"
              + " stored. It carries the caller's roles, now and as they change.")
  ResponseEntity<IdentityViews.CreatedTokenJson> create(
      @RequestBody NewToken body, Authentication authentication) {
    UserAuthentication user = user(authentication);
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      problems.add("name: expected 1 to 100 characters saying what the token is for");
    }
    if (body.expiresAt() != null && !body.expiresAt().isAfter(now)) {
      problems.add("expires_at: expected a time in the future (or none)");
    }
    long active =
        tokens.list(user.user().id()).stream()
            .filter(t -> t.revokedAt() == null)
            .filter(t -> t.expiresAt() == null || t.expiresAt().isAfter(now))
            .count();
    if (active >= MAX_ACTIVE) {
      problems.add("you have " + active + " tokens already; revoke one first");
    }
    if (!problems.isEmpty()) {
      throw IdentityException.invalid("the new token", problems);
    }
    AccessTokens.CreatedToken created = tokens.create(user.user().id(), name, body.expiresAt());
    audit.ok(
        user.user().tenant(),
        user.getName(),
        "token.created",
        user.getName(),
        "token_id",
        created.info().id().toString(),
        "name",
        name,
        "expires_at",
        body.expiresAt() == null ? "never" : body.expiresAt().toString());
    return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + created.info().id()))
        .body(new IdentityViews.CreatedTokenJson(created));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a token: it stops working at once")
  ResponseEntity<Void> revoke(@PathVariable UUID id, Authentication authentication) {
    UserAuthentication user = user(authentication);
    AccessTokens.TokenInfo revoked =
        tokens
            .revoke(user.user().id(), id)
            .orElseThrow(
                () ->
                    IdentityException.notFound(
                        "You have no token "
                            + id
                            + " that works; GET /api/v1/me/tokens lists"
                            + " yours."));
    audit.ok(
        user.user().tenant(),
        user.getName(),
        "token.revoked",
        user.getName(),
        "token_id",
        id.toString(),
        "name",
        revoked.name());
    return ResponseEntity.noContent().build();
  }

  private static UserAuthentication user(Authentication authentication) {
    return (UserAuthentication) authentication;
  }
}
