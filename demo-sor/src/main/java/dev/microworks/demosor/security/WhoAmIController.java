package dev.microworks.demosor.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, and who the demo users are. */
@RestController
class WhoAmIController {

  /**
   * Answer of {@code GET /api/me}.
   *
   * @param actor the name recorded in history for this caller's writes
   * @param email the user's e-mail, null for service accounts
   * @param service whether the caller is a service account
   */
  record Me(String actor, String email, boolean service) {}

  @GetMapping("/api/me")
  Me me(Authentication auth) {
    Actor actor = Actor.from(auth);
    return new Me(actor.name(), actor.email(), actor.isService());
  }

  @GetMapping("/api/users")
  List<DemoUsers.User> users() {
    return DemoUsers.ALL;
  }
}
