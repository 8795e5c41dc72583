package dev.microworks.integration.yaml;

import java.util.Locale;
import java.util.Set;

/** Recognises names under which a secret would be written inline. */
public final class Secrets {

  public static final String INLINE_SECRET =
      "inline secret: a spec must not contain secrets; name a credential slot"
          + " (credential: <slot>) and store the value in the wallet";

  private static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "passwd",
          "secret",
          "clientsecret",
          "token",
          "accesstoken",
          "refreshtoken",
          "idtoken",
          "bearertoken",
          "apikey",
          "xapikey",
          "privatekey",
          "authorization",
          "proxyauthorization",
          "cookie");

  private Secrets() {}

  /** Whether a key, header or query parameter of this name would carry a secret. */
  public static boolean isSecretName(String name) {
    String normalised = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return SECRET_KEYS.contains(normalised)
        || normalised.endsWith("password")
        || normalised.endsWith("secret");
  }
}
