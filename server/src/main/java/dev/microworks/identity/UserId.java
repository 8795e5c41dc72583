package dev.microworks.identity;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user; also the owner name of the user's secrets in the wallet ({@link #toString()}).
 *
 * @param value the user's UUID
 */
public record UserId(UUID value) {

  public UserId {
    Objects.requireNonNull(value, "user id");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
