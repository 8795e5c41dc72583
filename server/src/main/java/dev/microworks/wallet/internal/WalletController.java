package dev.microworks.wallet.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microworks.tenant.TenantId;
import dev.microworks.wallet.CredentialInfo;
import dev.microworks.wallet.CredentialKind;
import dev.microworks.wallet.KeyStatus;
import dev.microworks.wallet.WalletState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The wallet's state and its key administration. Never a key or a secret value. */
@PreAuthorize("hasRole('ADMIN')")
@RestController
@RequestMapping(path = "/api/v1/wallet", produces = "application/json")
@Tag(name = "Wallet", description = "State, key rotation, minimum key version, stored secrets")
class WalletController {

  private static final TenantId TENANT = TenantId.DEFAULT;

  private final WalletService wallet;

  WalletController(WalletService wallet) {
    this.wallet = wallet;
  }

  @GetMapping
  @Operation(summary = "Sealed or not (and why), the key provider, the key versions")
  WalletView state() {
    WalletState state = wallet.state();
    return new WalletView(
        state.provider(),
        state.sealed(),
        state.reason(),
        state.sealed() ? null : KeysView.of(wallet.status(TENANT)));
  }

  @PostMapping("/keys/rotate")
  @Operation(
      summary = "Rotate the key-encryption key",
      description =
          "Creates the next KEK version and re-wraps every stored data key under it, online:"
              + " syncs and actions keep working. Answers when done.")
  KeysView rotate(Principal principal) {
    return KeysView.of(wallet.rotate(TENANT, principal.getName()));
  }

  @PutMapping("/keys/minimum-version")
  @Operation(
      summary = "Refuse secrets wrapped by older key versions",
      description =
          "Body {\"version\": N}. From now on a secret whose data key is wrapped by a KEK older"
              + " than N is refused (and must be set again). Rotate first so that none is.")
  KeysView minimum(@RequestBody MinimumVersion body, Principal principal) {
    if (body == null || body.version() == null) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_CONTENT, "Send {\"version\": N} with the minimum key version.");
    }
    try {
      return KeysView.of(wallet.requireMinimumVersion(TENANT, body.version(), principal.getName()));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage() + ".");
    }
  }

  @GetMapping("/credentials")
  @Operation(
      summary = "Stored secrets of one kind: metadata only",
      description = "kind: service_account, user_token, totp_seed or webhook.")
  List<CredentialView> credentials(@RequestParam(defaultValue = "service_account") String kind) {
    CredentialKind parsed;
    try {
      parsed = CredentialKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null || parsed == CredentialKind.CACHE_KEY) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "kind must be service_account, user_token, totp_seed or webhook.");
    }
    return wallet.list(TENANT, parsed, null).stream().map(CredentialView::of).toList();
  }

  record MinimumVersion(Integer version) {}

  record WalletView(String provider, boolean sealed, String reason, KeysView keys) {}

  record KeysView(
      @JsonProperty("current_version") int currentVersion,
      @JsonProperty("minimum_version") int minimumVersion,
      @JsonProperty("secrets_by_version") Map<Integer, Long> secretsByVersion) {
    static KeysView of(KeyStatus status) {
      return new KeysView(
          status.currentVersion(), status.minimumVersion(), status.secretsByVersion());
    }
  }

  record CredentialView(
      String kind,
      String owner,
      String slot,
      List<String> fields,
      @JsonProperty("key_version") int keyVersion,
      @JsonProperty("set_at") Instant setAt,
      @JsonProperty("set_by") String setBy,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("expires_at") Instant expiresAt) {
    static CredentialView of(CredentialInfo info) {
      return new CredentialView(
          info.name().kind().name().toLowerCase(Locale.ROOT),
          info.name().owner(),
          info.name().slot(),
          info.fieldNames(),
          info.keyVersion(),
          info.setAt(),
          info.setBy(),
          info.lastUsedAt(),
          info.expiresAt());
    }
  }
}
