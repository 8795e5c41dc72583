package dev.microworks.identity.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own TOTP second factor, the API twin of {@code /account/mfa}. */
@RestController
@RequestMapping(path = "/api/v1/me/mfa", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me", description = "The caller's own account")
class MfaController {

  /** Not a record: the code and password stay out of toString. */
  static final class CodeBody {
    private final String code;
    private final String password;

    @JsonCreator
    CodeBody(@JsonProperty("code") String code, @JsonProperty("current_password") String password) {
      this.code = code;
      this.password = password;
    }

    @Override
    public String toString() {
      return "CodeBody[…]";
    }
  }

  record StatusJson(
      boolean enabled,
      boolean pending,
      @JsonProperty("recovery_codes_left") int recoveryCodesLeft) {}

  /** Not a record: the secret stays out of toString. */
  static final class EnrolmentJson {
    @JsonProperty("otpauth_uri")
    final String otpauthUri;

    @JsonProperty("secret")
    final String secret;

    @JsonProperty("qr_svg")
    final String qrSvg;

    EnrolmentJson(SecondFactors.Enrolment enrolment) {
      this.otpauthUri = enrolment.otpauthUri();
      this.secret = enrolment.secret();
      this.qrSvg = enrolment.qrSvg();
    }

    @Override
    public String toString() {
      return "EnrolmentJson[…]";
    }
  }

  /** Not a record: the codes stay out of toString. */
  static final class RecoveryCodesJson {
    @JsonProperty("recovery_codes")
    final List<String> codes;

    RecoveryCodesJson(List<String> codes) {
      this.codes = codes;
    }

    @Override
    public String toString() {
      return "RecoveryCodesJson[" + codes.size() + " codes]";
    }
  }

  private final SecondFactors secondFactors;

  MfaController(SecondFactors secondFactors) {
    this.secondFactors = secondFactors;
  }

  @GetMapping
  @PreAuthorize("hasRole('USER')")
  @Operation(summary = "Whether the caller's TOTP second factor is on, pending or off")
  StatusJson status(Authentication authentication) {
    SecondFactors.Status status = secondFactors.status((UserAuthentication) authentication);
    return new StatusJson(status.enabled(), status.pending(), status.recoveryCodesLeft());
  }

  @PostMapping("/totp")
  @PreAuthorize("hasRole('USER')")
  @Operation(
      summary = "Begin TOTP enrolment",
      description =
          "201 {otpauth_uri, secret, qr_svg}: a new seed, kept in the wallet and shown this once;"
              + " not yet enabled until POST totp/confirm. 409 when TOTP is on already.")
  ResponseEntity<EnrolmentJson> begin(Authentication authentication) {
    SecondFactors.Enrolment enrolment = secondFactors.begin((UserAuthentication) authentication);
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(new EnrolmentJson(enrolment));
  }

  @PostMapping(path = "/totp/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasRole('USER')")
  @Operation(
      summary = "Confirm TOTP enrolment with a code",
      description =
          "Body {\"code\"}. 200 {recovery_codes}: TOTP is on; the ten codes are shown this once."
              + " 422 when the code is wrong or no enrolment is pending.")
  ResponseEntity<RecoveryCodesJson> confirm(
      @RequestBody CodeBody body, Authentication authentication) {
    List<String> codes =
        secondFactors
            .confirm((UserAuthentication) authentication, body.code)
            .orElseThrow(
                () ->
                    IdentityException.invalid(
                        "the code", List.of("the code is not right, or no enrolment is pending")));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new RecoveryCodesJson(codes));
  }

  @PostMapping(path = "/totp/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasRole('USER')")
  @Operation(
      summary = "Turn TOTP off",
      description =
          "Body {\"code\"} (a current code) or {\"current_password\"}. 204: the seed and the"
              + " recovery codes are deleted. 422 otherwise.")
  ResponseEntity<Void> disable(@RequestBody CodeBody body, Authentication authentication) {
    if (!secondFactors.disable((UserAuthentication) authentication, body.code, body.password)) {
      throw IdentityException.invalid(
          "turning TOTP off", List.of("a current code or the password is needed, and TOTP on"));
    }
    return ResponseEntity.noContent().build();
  }
}
