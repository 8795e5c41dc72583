package dev.microworks.wallet;

import java.util.Map;

/**
 * A tenant's key-encryption keys.
 *
 * @param provider the key provider's id
 * @param currentVersion the version wrapping new data keys
 * @param minimumVersion the oldest version still accepted
 * @param secretsByVersion how many stored secrets (credentials and cache keys) each version wraps
 */
public record KeyStatus(
    String provider, int currentVersion, int minimumVersion, Map<Integer, Long> secretsByVersion) {

  public KeyStatus {
    secretsByVersion = Map.copyOf(secretsByVersion);
  }
}
