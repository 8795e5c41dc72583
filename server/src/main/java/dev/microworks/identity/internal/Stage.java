package dev.microworks.identity.internal;

/**
 * How far an interactive sign-in got. Only a {@link #COMPLETE} sign-in carries the user's roles;
 * the other stages allow exactly one page (and sign-out), see {@link PendingStepFilter}.
 */
enum Stage {
  /** Password accepted; the TOTP code (or a recovery code) is still due at {@link #page()}. */
  SECOND_FACTOR("/login/totp"),
  /** Signed in, but the password must be changed first (bootstrap admin, reset password). */
  PASSWORD_CHANGE("/account/password"),
  /** Signed in. */
  COMPLETE("/");

  private final String page;

  Stage(String page) {
    this.page = page;
  }

  /** Where the user goes next. */
  String page() {
    return page;
  }

  /** The authority a pending stage carries instead of roles. */
  String authority() {
    return "STEP_" + name();
  }
}
