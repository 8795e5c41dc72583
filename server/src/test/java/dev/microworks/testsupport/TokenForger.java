package dev.microworks.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes ID tokens for the negative tests of a relying party: signed RS256 with the provider's own
 * key and key id ({@link OidcProvider#forger()}), so the signature checks out against the
 * provider's published JWKS and only the claims are wrong — or signed with another key, or not at
 * all.
 *
 * <pre>{@code
 * TokenForger forger = idp.forger();
 * String wrongIssuer = forger.idToken("alice").nonce(nonce).issuer("http://127.0.0.1:1").sign();
 * String wrongAudience = forger.copyOf(realIdToken).audience("someone-else").sign();
 * String replayed = realIdTokenOfAnEarlierLogin; // its nonce belongs to that login
 * }</pre>
 *
 * <p>How the server under test gets such a token: it reads the ID token from the token endpoint's
 * response, so put a {@link TokenEndpointProxy} between it and the provider and {@link
 * TokenEndpointProxy#replaceNextIdToken replace} the next one (or {@link
 * TokenEndpointProxy#rewriteNextIdToken rewrite} it, to keep the nonce of the login in flight and
 * change one claim). A replayed nonce is an ID token the proxy {@link TokenEndpointProxy#idTokens()
 * saw} in an earlier login, delivered again in a later one.
 */
public final class TokenForger {

  /** How long a forged ID token is valid by default. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private final RSAKey key;
  private final String issuer;
  private final String audience;

  /**
   * @param key signs the tokens (its key id goes in their header)
   * @param issuer the default {@code iss}
   * @param audience the default {@code aud}, a client id
   */
  public TokenForger(RSAKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * A valid-looking ID token for {@code subject}: the default issuer and audience, {@code iat} now,
   * {@code exp} in {@link #LIFETIME}, {@code auth_time} now; no nonce.
   */
  public IdToken idToken(String subject) {
    Instant now = Instant.now();
    return new IdToken(
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .claim("auth_time", now.getEpochSecond()));
  }

  /** The claims of an existing token (its signature is not checked), to change some of them. */
  public IdToken copyOf(String token) {
    try {
      return new IdToken(new JWTClaimsSet.Builder(JWTParser.parse(token).getJWTClaimsSet()));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWT: " + e.getMessage(), e);
    }
  }

  /** The claims of a token being forged; every setter returns this builder. */
  public final class IdToken {

    private final JWTClaimsSet.Builder claims;

    private IdToken(JWTClaimsSet.Builder claims) {
      this.claims = claims;
    }

    public IdToken issuer(String issuer) {
      claims.issuer(issuer);
      return this;
    }

    public IdToken audience(String... audience) {
      claims.audience(List.of(audience));
      return this;
    }

    public IdToken subject(String subject) {
      claims.subject(subject);
      return this;
    }

    public IdToken nonce(String nonce) {
      claims.claim("nonce", nonce);
      return this;
    }

    public IdToken issuedAt(Instant instant) {
      claims.issueTime(Date.from(instant));
      return this;
    }

    public IdToken expiresAt(Instant instant) {
      claims.expirationTime(Date.from(instant));
      return this;
    }

    /** Any other claim, e.g. {@code claim("email", "mallory@example.com")}. */
    public IdToken claim(String name, Object value) {
      claims.claim(name, value);
      return this;
    }

    /** Leaves a claim out altogether. */
    public IdToken without(String name) {
      claims.claim(name, null);
      return this;
    }

    /** Signed RS256 with the forger's key: the signature a relying party accepts. */
    public String sign() {
      return signWith(key);
    }

    /** Signed RS256 with another key (its own key id): a relying party must reject it. */
    public String signWith(RSAKey other) {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(other.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims.build());
      try {
        jwt.sign(new RSASSASigner(other));
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
      return jwt.serialize();
    }

    /** Not signed at all ({@code alg: none}): a relying party must reject it. */
    public String unsigned() {
      return new PlainJWT(claims.build()).serialize();
    }
  }
}
