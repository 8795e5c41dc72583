package dev.microworks.microapp.internal;

import dev.microworks.identity.UserStatus;
import dev.microworks.identity.UserView;
import dev.microworks.microapp.MicroappDefinition.Subscribers;

/** Who subscribes to a microapp. */
final class Subscriptions {

  private Subscriptions() {}

  /** Whether an active user is a subscriber: named, in a named group, or all users are. */
  static boolean includes(Subscribers subscribers, UserView user) {
    if (user.status() != UserStatus.ACTIVE) {
      return false;
    }
    return subscribers.allUsers()
        || subscribers.users().contains(user.email())
        || user.groups().stream().anyMatch(subscribers.groups()::contains);
  }
}
