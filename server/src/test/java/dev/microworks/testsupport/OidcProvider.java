package dev.microworks.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID Connect provider — {@code oidc-provider} 8.8.1 on Node.js, from {@code
 * server/src/test/oidc} — as a child process on 127.0.0.1, one per {@link #start}; {@link #close}
 * stops it (and so does the JVM's end).
 *
 * <p>What it offers: issuer {@code http://127.0.0.1:<port>}; discovery; one confidential client
 * ({@code client_secret_basic}, authorization code only, PKCE with S256 required); scopes {@code
 * openid}, {@code email} (email, email_verified), {@code profile} (name, preferred_username) and
 * {@code groups} (groups) — the scope's claims are in the ID token as well as at userinfo; ID
 * tokens signed RS256 with a static key that {@link #signingKey()} hands out, so a {@link
 * TokenForger} makes tokens the provider's JWKS verifies; users from {@link Config}, signed in
 * through a plain HTML form that {@link BrowserlessLogin} fills in, consent granted without asking.
 *
 * <pre>{@code
 * OidcProvider.require("Identity OIDC suite");
 * try (OidcProvider idp = OidcProvider.start(OidcProvider.Config.standard()
 *     .withRedirectUri("http://127.0.0.1:" + port + "/login/oauth2/code/idp"))) {
 *   // server under test: issuer-uri = idp.issuer(), client-id/secret = idp.clientId()/clientSecret()
 * }
 * }</pre>
 */
public final class OidcProvider implements AutoCloseable {

  /** What to run so {@link #require} passes. */
  public static final String HOW_TO_INSTALL =
      "npm ci --prefix server/src/test/oidc (needs Node 20); .ci/run does it";

  /** provider.mjs's line when it listens; only a whole line (a newline after it) counts. */
  private static final Pattern READY = Pattern.compile("(?m)^ready (http://\\S+)\\R");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Process process;
  private final Path directory;
  private final Thread stopAtExit;
  private final URI issuer;
  private final Config config;
  private final RSAKey signingKey;
  private JsonNode discovery;

  private OidcProvider(
      Process process, Path directory, URI issuer, Config config, RSAKey signingKey) {
    this.process = process;
    this.directory = directory;
    this.issuer = issuer;
    this.config = config;
    this.signingKey = signingKey;
    this.stopAtExit = new Thread(process::destroyForcibly, "stop oidc-provider");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Skips or fails the calling suite (see {@link Prerequisites}) unless Node.js 18 or later is on
   * the PATH and {@code server/src/test/oidc/node_modules/oidc-provider} is installed.
   */
  public static void require(String suite) {
    String missing = NodeProject.missing();
    Prerequisites.require(missing.isEmpty(), suite, missing + " — " + HOW_TO_INSTALL);
  }

  /** Starts a provider and waits (at most 30 s) until it listens. */
  public static OidcProvider start(Config config) {
    if (config.redirectUris.isEmpty()) {
      throw new IllegalArgumentException(
          "OidcProvider.Config has no redirect URI: add the relying party's with withRedirectUri");
    }
    Path project =
        NodeProject.directory()
            .orElseThrow(() -> new IllegalStateException("server/src/test/oidc not found"));
    RSAKey key = newSigningKey();
    try {
      Path directory = Files.createTempDirectory("oidc-provider-");
      Path configFile = directory.resolve("config.json");
      Files.writeString(configFile, JSON.writeValueAsString(config.toJson(key)));
      Path log = directory.resolve("provider.log");
      // stdin stays an open pipe: when this JVM dies it closes, and provider.mjs exits on its end.
      Process process =
          new ProcessBuilder("node", "provider.mjs", "0", configFile.toString())
              .directory(project.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        return new OidcProvider(process, directory, awaitReady(process, log), config, key);
      } catch (RuntimeException | IOException e) {
        process.destroyForcibly();
        delete(directory);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI awaitReady(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (ready.find()) {
        return URI.create(ready.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "oidc-provider exited with "
                + process.exitValue()
                + " before it was ready; its output:\n"
                + Files.readString(log));
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "oidc-provider printed no 'ready' line within 30 s; its output:\n" + Files.readString(log));
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash, exactly as in its tokens. */
  public URI issuer() {
    return issuer;
  }

  public String clientId() {
    return config.clientId;
  }

  public String clientSecret() {
    return config.clientSecret;
  }

  /** The provider's signing key, private part included; its key id is in every ID token. */
  public RSAKey signingKey() {
    return signingKey;
  }

  /** A forger whose tokens have this provider's issuer, client id as audience and signing key. */
  public TokenForger forger() {
    return new TokenForger(signingKey, issuer.toString(), config.clientId);
  }

  /** The discovery document ({@code /.well-known/openid-configuration}), fetched once. */
  public synchronized JsonNode discovery() {
    if (discovery == null) {
      URI uri = URI.create(issuer + "/.well-known/openid-configuration");
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(
              "GET " + uri + " → " + response.statusCode() + ": " + response.body());
        }
        discovery = JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return discovery;
  }

  /** An endpoint named in discovery, e.g. {@code endpoint("token_endpoint")}. */
  public URI endpoint(String name) {
    JsonNode value = discovery().get(name);
    if (value == null) {
      throw new IllegalArgumentException("discovery of " + issuer + " has no " + name);
    }
    return URI.create(value.asString());
  }

  public URI authorizationEndpoint() {
    return endpoint("authorization_endpoint");
  }

  public URI tokenEndpoint() {
    return endpoint("token_endpoint");
  }

  public URI jwksUri() {
    return endpoint("jwks_uri");
  }

  public URI userinfoEndpoint() {
    return endpoint("userinfo_endpoint");
  }

  /** What the provider has printed so far (errors of rejected requests show up here). */
  public String output() {
    try {
      return Files.readString(directory.resolve("provider.log"));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Stops the provider and deletes its configuration and output. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    delete(directory);
  }

  @Override
  public String toString() {
    return "OidcProvider[" + issuer + ", client " + config.clientId + "]";
  }

  /**
   * What a provider is started with: its one client and its users. Immutable; every {@code with}
   * returns a copy.
   */
  public static final class Config {

    private final String clientId;
    private final String clientSecret;
    private final List<String> redirectUris;
    private final List<String> postLogoutRedirectUris;
    private final Map<String, TestUser> users;

    private Config(
        String clientId,
        String clientSecret,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        Map<String, TestUser> users) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      this.redirectUris = List.copyOf(redirectUris);
      this.postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
      this.users = Map.copyOf(users);
    }

    /**
     * Client {@code microworks-test} with a random secret, users {@link TestUser#all()}, no
     * redirect URI yet (a provider needs one: {@link #withRedirectUri}).
     */
    public static Config standard() {
      Config config = new Config("microworks-test", randomString(), List.of(), List.of(), Map.of());
      for (TestUser user : TestUser.all()) {
        config = config.withUser(user);
      }
      return config;
    }

    public Config withClient(String clientId, String clientSecret) {
      return new Config(clientId, clientSecret, redirectUris, postLogoutRedirectUris, users);
    }

    /** Adds a redirect URI the client may use (matched exactly, as the provider does). */
    public Config withRedirectUri(String uri) {
      List<String> uris = new ArrayList<>(redirectUris);
      uris.add(uri);
      return new Config(clientId, clientSecret, uris, postLogoutRedirectUris, users);
    }

    /** Adds a URI the end-session endpoint may send the browser back to. */
    public Config withPostLogoutRedirectUri(String uri) {
      List<String> uris = new ArrayList<>(postLogoutRedirectUris);
      uris.add(uri);
      return new Config(clientId, clientSecret, redirectUris, uris, users);
    }

    /** Adds (or replaces, by login) a user; its login is its {@code sub}. */
    public Config withUser(TestUser user) {
      Map<String, TestUser> all = new LinkedHashMap<>(users);
      all.put(user.login(), user);
      return new Config(clientId, clientSecret, redirectUris, postLogoutRedirectUris, all);
    }

    private Map<String, Object> toJson(RSAKey key) {
      Map<String, Object> client = new LinkedHashMap<>();
      client.put("client_id", clientId);
      client.put("client_secret", clientSecret);
      client.put("redirect_uris", redirectUris);
      client.put("post_logout_redirect_uris", postLogoutRedirectUris);
      Map<String, Object> people = new LinkedHashMap<>();
      users.forEach(
          (login, user) ->
              people.put(
                  login,
                  Map.of(
                      "password",
                      user.password(),
                      "claims",
                      Map.of(
                          "email", user.email(),
                          "email_verified", true,
                          "name", user.name(),
                          "preferred_username", login,
                          "groups", user.groups()))));
      return Map.of(
          "client",
          client,
          "jwks",
          Map.of("keys", List.of(key.toJSONObject())),
          "cookieKeys",
          List.of(randomString()),
          "users",
          people);
    }

    @Override
    public String toString() {
      return "OidcProvider.Config[client "
          + clientId
          + ", redirect URIs "
          + redirectUris
          + ", users "
          + users.keySet()
          + "]";
    }
  }

  private static void delete(Path directory) {
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RSAKey newSigningKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyID("microworks-test-" + randomString().substring(0, 8))
          .algorithm(JWSAlgorithm.RS256)
          .keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomString() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
