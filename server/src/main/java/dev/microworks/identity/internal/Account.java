package dev.microworks.identity.internal;

import dev.microworks.identity.UserId;
import dev.microworks.identity.UserSource;
import dev.microworks.identity.UserStatus;
import dev.microworks.tenant.TenantId;
import java.time.Instant;

/**
 * A user's row as the identity module sees it: the account state sign-in needs. The password hash
 * is not part of it (only the password check reads it, {@link Accounts#passwordHash}).
 *
 * @param sessionEpoch raised whenever every session of the user must end; a session remembers the
 *     epoch it began in
 */
record Account(
    UserId id,
    TenantId tenant,
    String email,
    String displayName,
    UserStatus status,
    UserSource source,
    String externalId,
    boolean bootstrapAdmin,
    boolean mustChangePassword,
    int failedLogins,
    Instant lockedUntil,
    boolean totpEnabled,
    int sessionEpoch,
    Instant createdAt) {

  boolean active() {
    return status == UserStatus.ACTIVE;
  }

  boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }
}
