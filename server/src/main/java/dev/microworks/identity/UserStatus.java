package dev.microworks.identity;

/** Whether a user may sign in. Disabling a user ends the user's sessions and tokens at once. */
public enum UserStatus {
  ACTIVE,
  DISABLED
}
