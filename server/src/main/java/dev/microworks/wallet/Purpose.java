package dev.microworks.wallet;

/** Why a secret is decrypted. Each credential kind is decrypted for exactly one purpose. */
public enum Purpose {
  /** An integration's service account, used by that integration's syncs. */
  SYNC,
  /** One user's own token, used to execute an action as that user. */
  ACTION,
  /** One user's own TOTP seed, used to check that user's second factor. */
  MFA,
  /** One user's own webhook URL (Slack, Teams), used to deliver that user's cards. */
  NOTIFY,
  /** A tenant's data-cache keys, used by the cache. Internal: no API hands these out. */
  CACHE
}
