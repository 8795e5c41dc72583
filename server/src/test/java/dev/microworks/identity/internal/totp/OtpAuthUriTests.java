package dev.microworks.identity.internal.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.identity.internal.totp.Totp.Algorithm;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtpAuthUriTests {

  static final TotpSecret SECRET = TotpSecret.fromBase32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ");

  /** The example of https://github.com/google/google-authenticator/wiki/Key-Uri-Format. */
  @Test
  void buildsTheKeyUriFormatExample() {
    assertThat(OtpAuthUri.build("ACME Co", "john.doe@email.com", SECRET, Totp.sha1Six()))
        .isEqualTo(
            "otpauth://totp/ACME%20Co:john.doe@email.com"
                + "?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co"
                + "&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void colonsAndOtherReservedCharactersInNamesAreEncoded() {
    String uri = OtpAuthUri.build("Big: Corp & Co", "a:b+c/d?e#f", SECRET, Totp.sha1Six());

    assertThat(uri)
        .startsWith("otpauth://totp/Big%3A%20Corp%20%26%20Co:a%3Ab%2Bc%2Fd%3Fe%23f?secret=")
        .contains("&issuer=Big%3A%20Corp%20%26%20Co&");
    // exactly one ':' in the label, the separator
    assertThat(URI.create(uri).getRawPath())
        .isEqualTo("/Big%3A%20Corp%20%26%20Co:a%3Ab%2Bc%2Fd%3Fe%23f");
  }

  @Test
  void nonAsciiNamesArePercentEncodedUtf8() {
    String uri = OtpAuthUri.build("Zürich AG", "José", SECRET, Totp.sha1Six());

    assertThat(uri).startsWith("otpauth://totp/Z%C3%BCrich%20AG:Jos%C3%A9?");
    assertThat(URI.create(uri).getPath()).isEqualTo("/Zürich AG:José");
  }

  @Test
  void writesTheParametersOfTheTotp() {
    Totp totp = new Totp(Algorithm.SHA512, 8, Duration.ofSeconds(60));

    assertThat(OtpAuthUri.build("Microworks", "ada", SECRET, totp))
        .endsWith("&issuer=Microworks&algorithm=SHA512&digits=8&period=60");
  }

  @Test
  void blankNamesAreRefused() {
    assertThatThrownBy(() -> OtpAuthUri.build(" ", "ada", SECRET, Totp.sha1Six()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("otpauth URI: issuer must not be blank");
    assertThatThrownBy(() -> OtpAuthUri.build("Microworks", "", SECRET, Totp.sha1Six()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("otpauth URI: account must not be blank");
  }
}
