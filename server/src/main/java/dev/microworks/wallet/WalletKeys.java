package dev.microworks.wallet;

import dev.microworks.tenant.TenantId;

/** Key-encryption key administration per tenant: status, online rotation, minimum version. */
public interface WalletKeys {

  /** The tenant's KEK versions and how many secrets each wraps. */
  KeyStatus status(TenantId tenant);

  /**
   * Creates the next KEK version, makes it current, and re-wraps every data key of the tenant under
   * it, one secret at a time, while the wallet stays in use (an envelope is replaced only if
   * unchanged since it was read; one replaced meanwhile is already under the new version). Audited.
   */
  KeyStatus rotate(TenantId tenant, String actor);

  /**
   * Refuses, from now on, every envelope wrapped by a KEK older than {@code version}. Audited.
   *
   * @throws IllegalArgumentException if {@code version} is below the present minimum or above the
   *     current version
   */
  KeyStatus requireMinimumVersion(TenantId tenant, int version, String actor);
}
