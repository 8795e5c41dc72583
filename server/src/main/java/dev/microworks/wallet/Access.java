package dev.microworks.wallet;

import java.util.Objects;

/**
 * A declared reason to decrypt: the purpose and who asks. The wallet grants it only when the
 * purpose is the credential kind's own and the actor is the credential's owner (the integration for
 * {@code SYNC}; the user himself for {@code ACTION}, {@code MFA} and {@code NOTIFY}).
 *
 * @param purpose why
 * @param actor who: an integration id for {@code SYNC}, a user id otherwise
 */
public record Access(Purpose purpose, String actor) {

  public Access {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(actor, "actor");
  }

  /** A sync of {@code integrationId} reading its own service account. */
  public static Access sync(String integrationId) {
    return new Access(Purpose.SYNC, integrationId);
  }

  /** An action executed as {@code userId}, reading that user's own token. */
  public static Access action(String userId) {
    return new Access(Purpose.ACTION, userId);
  }

  /** A second-factor check of {@code userId}, reading that user's own seed. */
  public static Access mfa(String userId) {
    return new Access(Purpose.MFA, userId);
  }

  /** A channel delivery of {@code userId}'s cards, reading that user's own webhook URL. */
  public static Access notify(String userId) {
    return new Access(Purpose.NOTIFY, userId);
  }

  /** Whether this access may decrypt {@code name}. */
  public boolean permits(CredentialName name) {
    return name.kind().purpose() == purpose && name.owner().equals(actor);
  }
}
