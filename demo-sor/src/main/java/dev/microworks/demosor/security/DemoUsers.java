package dev.microworks.demosor.security;

import java.util.List;
import java.util.Optional;

/**
 * The fixed demo users who can log in; their password comes from {@code
 * demo-sor.auth.user-password}.
 */
public final class DemoUsers {

  /**
   * A demo user.
   *
   * @param username login name, also the actor name in history
   * @param email e-mail address used in records (assignee, approver, ...)
   * @param displayName human-readable name
   */
  public record User(String username, String email, String displayName) {}

  /** The e-mail domain of every demo address. */
  public static final String DOMAIN = "demo.microworks.dev";

  /** alice, bob and carol, in that order. */
  public static final List<User> ALL =
      List.of(
          new User("alice", "alice@" + DOMAIN, "Alice Anderson"),
          new User("bob", "bob@" + DOMAIN, "Bob Brown"),
          new User("carol", "carol@" + DOMAIN, "Carol Chen"));

  private DemoUsers() {}

  /** The user with this username, if any. */
  public static Optional<User> byUsername(String username) {
    return ALL.stream().filter(u -> u.username().equals(username)).findFirst();
  }
}
